package org.funcfabric.core.task;

import java.util.Map;

/**
 * A task reached a terminal state and its result is stored: one entry of the {@link TasksCompleted} its
 * transaction fires. The store stays the record; an observer that fails loses nothing a client cannot
 * read with {@code GET /v2/tasks/{id}}.
 *
 * @param eventNumber the task's position among its group's terminal tasks ({@link Task#eventNumber()})
 * @param owner       the user id of the task's submitter
 * @param result      the serialized result buffer, for {@code success}
 * @param exception   the remote traceback, for {@code failed} (or the reason of a cancellation)
 * @param transitions hop name → epoch ms, as {@link Task#transitions()}
 * @param resultQueue whether its group's results go to an AMQP result queue too ({@link TaskGroup#hasResultQueue()})
 */
public record TaskCompleted(String taskId, String taskGroupId, long eventNumber, String endpointId, String owner,
                            TaskStatus status, String result, String exception, Map<String, Long> transitions,
                            boolean resultQueue) {
    public TaskCompleted {
        transitions = Map.copyOf(transitions);
    }

    static TaskCompleted of(Task task, TaskGroup group) {
        return new TaskCompleted(task.id(), task.taskGroupId(), task.eventNumber(), task.endpointId(), task.owner(),
                task.status(), task.result(), task.exception(), task.transitions(), group.hasResultQueue());
    }
}
