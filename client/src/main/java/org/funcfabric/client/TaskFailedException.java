package org.funcfabric.client;

/**
 * A task ended {@code failed}: the function raised or the worker could not run it. The message is the
 * remote exception text (for Python the traceback, ending with the exception's type and message).
 */
public class TaskFailedException extends FuncFabricException {
    /** The error code of every failed task. */
    public static final String TASK_FAILED = "TASK_FAILED";

    private final String taskId;

    public TaskFailedException(String taskId, String remoteException) {
        super(TASK_FAILED, 0, remoteException == null ? "task " + taskId + " failed" : remoteException);
        this.taskId = taskId;
    }

    public String taskId() {
        return taskId;
    }

    /** The remote exception text as the service stored it. */
    public String remoteException() {
        return getMessage();
    }
}
