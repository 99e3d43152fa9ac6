package org.funcfabric.worker.task;

/**
 * A task that cannot run or did not succeed because of the function or its arguments, not the worker.
 * Its message is the task's exception text as the client reads it, usually {@code "<Type>: <detail>"}.
 */
public class TaskFailure extends Exception {
    public TaskFailure(String message) {
        super(message);
    }

    /** The task's failed outcome. */
    public TaskOutcome outcome() {
        return TaskOutcome.failure(getMessage());
    }
}
