package org.funcfabric.core.task;

import java.util.List;

/**
 * The tasks that one transaction brought to a terminal state, fired once by that transaction for
 * observers that push results to clients after it commits ({@code TransactionPhase.AFTER_SUCCESS}):
 * one event per commit rather than one per task, so that pushing a batch of results costs one hand-off.
 *
 * @param tasks in the order they ended, never empty
 */
public record TasksCompleted(List<TaskCompleted> tasks) {
    public TasksCompleted {
        tasks = List.copyOf(tasks);
    }
}
