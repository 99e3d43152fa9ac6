package org.funcfabric.worker.task;

/**
 * Runs the functions of one kind (Globus Compute's role of the same name). Each slot owns its
 * executors; {@link #stop()} kills whatever they are running, which is how a worker gives up a task
 * it was told to abandon.
 */
public interface TaskExecutor {
    void start();

    /** Refuses further tasks and kills the processes running the current one. */
    void stop();

    boolean isStarted();

    /**
     * Stops the task running now (a cancel or a timeout) and stays started for the next one: its
     * {@link #execute} returns soon with an outcome the caller discards. Harmless when nothing runs.
     */
    void abort();

    /** Runs one task to completion. Problems of the task itself come back as a failed outcome, never thrown. */
    TaskOutcome execute(TaskInput input);
}
