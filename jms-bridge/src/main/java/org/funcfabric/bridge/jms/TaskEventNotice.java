package org.funcfabric.bridge.jms;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.funcfabric.core.task.TasksCompleted;
import org.funcfabric.core.task.TaskEventAppended;

/**
 * The body of a notice on {@code fabric.events}: task group {@code taskGroupId} has a task event
 * numbered {@code eventNumber}. It passes between service instances only, so it lives here rather than
 * in the protocol the connector and worker share; versioned like every message body.
 */
public record TaskEventNotice(int v, String taskGroupId, long eventNumber) {
    public static final int VERSION = 1;
    /** The JMS property naming the service instance that sent a notice. */
    static final String ORIGIN_PROPERTY = "fabricOrigin";
    /** This service instance (this deployment), which hears its own notices without the broker. */
    static final String THIS_INSTANCE = UUID.randomUUID().toString();

    public TaskEventNotice {
        Objects.requireNonNull(taskGroupId, "taskGroupId");
    }

    /** One notice per task group of the batch, with the group's highest event number in it. */
    static List<TaskEventNotice> of(TasksCompleted completed) {
        Map<String, Long> highest = new LinkedHashMap<>();
        completed.tasks().forEach(t -> highest.merge(t.taskGroupId(), t.eventNumber(), Math::max));
        return highest.entrySet().stream().map(e -> new TaskEventNotice(VERSION, e.getKey(), e.getValue())).toList();
    }

    TaskEventAppended toEvent() {
        return new TaskEventAppended(taskGroupId, eventNumber);
    }
}
