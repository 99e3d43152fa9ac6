package org.funcfabric.client.executor;

import java.lang.reflect.Type;
import java.util.concurrent.CompletableFuture;
import org.funcfabric.client.FuncFabricException;
import org.funcfabric.client.TaskFailedException;
import org.funcfabric.client.WireFormat;
import org.funcfabric.client.model.TaskDocument;

/**
 * The result of one remote task. It completes with the decoded result; exceptionally with a
 * {@link TaskFailedException} (the remote exception text) when the task failed, or with the
 * {@link FuncFabricException} that kept it from being submitted; cancelled when the task was.
 * {@link #cancel} cancels the task too, as far as the service allows.
 *
 * @param <T> the result type
 */
public final class TaskFuture<T> extends CompletableFuture<T> {
    private final FuncFabricExecutor owner;
    private final Type resultType;
    private volatile String taskId;

    TaskFuture(FuncFabricExecutor owner, Type resultType) {
        this.owner = owner;
        this.resultType = resultType;
    }

    /** The task's id once the service accepted it; null while it waits in a batch. */
    public String taskId() {
        return taskId;
    }

    /**
     * Cancels the future and, best effort, the task: a task still waiting in a batch is never sent; a
     * submitted one is asked to stop ({@code POST /v2/tasks/{id}/cancel}).
     */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        if (cancelled) {
            owner.cancelled(this);
        }
        return cancelled;
    }

    void submitted(String id) {
        this.taskId = id;
    }

    /** Completes from the task's terminal document. */
    void settle(TaskDocument task) {
        if (task.isSuccess()) {
            try {
                complete(WireFormat.decode(task.result(), resultType));
            } catch (FuncFabricException e) {
                completeExceptionally(e);
            }
        } else if (task.isCancelled()) {
            // The service cancelled it already: nothing to ask it.
            super.cancel(false);
        } else {
            completeExceptionally(new TaskFailedException(task.taskId(), task.exception()));
        }
    }
}
