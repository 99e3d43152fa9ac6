package org.funcfabric.client.executor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The results of a function mapped over a list, in input order, computed by several tasks of one
 * chunk each. It fails as soon as one task fails; cancelling it cancels every task.
 *
 * @param <R> the function's result type
 */
public final class MapFuture<R> extends CompletableFuture<List<R>> {
    private final List<TaskFuture<List<R>>> tasks;

    MapFuture(List<TaskFuture<List<R>>> tasks) {
        this.tasks = List.copyOf(tasks);
        for (TaskFuture<List<R>> task : this.tasks) {
            task.whenComplete((result, failure) -> {
                if (failure != null) {
                    completeExceptionally(failure);
                }
            });
        }
        CompletableFuture.allOf(this.tasks.toArray(CompletableFuture[]::new)).thenRun(() -> {
            List<R> all = new ArrayList<>();
            this.tasks.forEach(t -> all.addAll(t.join()));
            complete(all);
        });
    }

    /** The tasks, one per chunk, in input order. */
    public List<TaskFuture<List<R>>> tasks() {
        return tasks;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        if (cancelled) {
            tasks.forEach(t -> t.cancel(mayInterruptIfRunning));
        }
        return cancelled;
    }
}
