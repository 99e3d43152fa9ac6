package org.funcfabric.core.task;

import java.util.List;
import org.funcfabric.protocol.TaskMessage;

/**
 * A submission's tasks were stored with their {@link PendingDispatch}; fired in the storing transaction,
 * acted on after its commit by sending {@code messages}.
 *
 * @param requestId the submission's request id, the id of its {@link PendingDispatch}
 */
public record TasksStored(String requestId, List<TaskMessage> messages) {
    public TasksStored {
        messages = List.copyOf(messages);
    }
}
