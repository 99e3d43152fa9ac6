package org.funcfabric.core.task;

import java.util.List;
import org.funcfabric.protocol.TaskMessage;

/**
 * The port through which stored tasks reach their endpoints' queues. The implementation (jms-bridge)
 * must enlist in the caller's JTA transaction, so the tasks and their messages commit together.
 */
public interface TaskDispatcher {
    /**
     * Sends the messages as one unit of the current transaction.
     *
     * @throws org.funcfabric.core.common.FabricException SERVICE_UNAVAILABLE when the broker cannot be reached
     */
    void dispatch(List<TaskMessage> messages);

    /**
     * Sends one message, in the current transaction, that the broker holds back until {@code deliverAt}
     * (epoch ms): a retry's next attempt waits on the broker, not on a sleeping thread.
     *
     * @throws org.funcfabric.core.common.FabricException SERVICE_UNAVAILABLE when the broker cannot be reached
     */
    void dispatchAt(TaskMessage message, long deliverAt);
}
