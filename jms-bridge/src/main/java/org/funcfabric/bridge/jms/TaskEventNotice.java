package org.funcfabric.bridge.jms;

import java.util.Objects;
import org.funcfabric.core.task.TaskCompleted;
import org.funcfabric.core.task.TaskEventAppended;

/**
 * The body of a notice on {@code fabric.events}: task group {@code taskGroupId} has a task event
 * numbered {@code eventNumber}. It passes between service instances only, so it lives here rather than
 * in the protocol the connector and worker share; versioned like every message body.
 */
public record TaskEventNotice(int v, String taskGroupId, long eventNumber) {
    public static final int VERSION = 1;

    public TaskEventNotice {
        Objects.requireNonNull(taskGroupId, "taskGroupId");
    }

    static TaskEventNotice of(TaskCompleted task) {
        return new TaskEventNotice(VERSION, task.taskGroupId(), task.eventNumber());
    }

    TaskEventAppended toEvent() {
        return new TaskEventAppended(taskGroupId, eventNumber);
    }
}
