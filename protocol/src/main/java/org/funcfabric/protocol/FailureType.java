package org.funcfabric.protocol;

/**
 * The error types the platform itself gives a failed task: the word before the colon on the first line
 * of its {@code exception} text ({@code WorkerLost: task … was lost with its worker …}), as a Python
 * traceback's last line names its exception. Clients match on these names and {@code retry_on} lists
 * them, so they are part of the contract; a function's own errors keep the names their language gives
 * them. {@link #toString()} is the name, so {@code TASK_TIMEOUT + ": …"} writes the text.
 */
public enum FailureType {
    /** Stopped at its {@code timeout_s}; retried only when {@code retry_on} names it. */
    TASK_TIMEOUT("TaskTimeout"),
    /** Its workers were lost more often than {@code max_retries} allows, or the broker dead-lettered it; never retried. */
    WORKER_LOST("WorkerLost"),
    /** Its function is not in the endpoint's {@code allowed_functions}; never retried. */
    FUNCTION_NOT_PERMITTED("FunctionNotPermitted"),
    /** Cancelled by its submitter before it ended. */
    TASK_CANCELLED("TaskCancelled"),
    /** Stopped by a cancel or a timeout before or while it ran. */
    TASK_ABORTED("TaskAborted"),
    /** The worker was stopping and did not run it, or stopped while it ran. */
    WORKER_STOPPING("WorkerStopping"),
    /** The Python interpreter running it died. */
    INTERPRETER_DIED("InterpreterDied"),
    /** The task message, its function's code or its arguments could not be read. */
    DESERIALIZATION_ERROR("DeserializationError"),
    /** Its result could not be written in a format its caller accepts. */
    SERIALIZATION_ERROR("SerializationError"),
    /** Its result is larger than the service's {@code fabric.limits.max-result-bytes}. */
    MAX_RESULT_SIZE_EXCEEDED("MaxResultSizeExceeded"),
    /** The worker itself failed around the task (a bug or a resource it could not get). */
    WORKER_ERROR("WorkerError");

    private final String typeName;

    FailureType(String typeName) {
        this.typeName = typeName;
    }

    /** The type's name as an exception text starts with it, e.g. {@code TaskTimeout}. */
    @Override
    public String toString() {
        return typeName;
    }
}
