package org.funcfabric.core.task;

import org.funcfabric.core.common.ErrorCode;

/**
 * What became of one {@link TaskRequest}: the stored task's id, or why it was refused. funcX 1.x
 * reported such refusals per task instead of failing the whole request.
 */
public record TaskOutcome(String taskId, ErrorCode error, String reason) {
    public static TaskOutcome accepted(String taskId) {
        return new TaskOutcome(taskId, null, null);
    }

    public static TaskOutcome refused(ErrorCode error, String reason) {
        return new TaskOutcome(null, error, reason);
    }

    public boolean isAccepted() {
        return taskId != null;
    }
}
