package org.funcfabric.bench.measure;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.funcfabric.client.FuncFabricClient;
import org.funcfabric.client.TaskEventSubscription;
import org.funcfabric.client.model.TaskDocument;
import org.funcfabric.client.model.TaskEvent;

/**
 * The fastest path a client has today: every task joins one task group, whose event stream
 * ({@code GET /v2/taskgroup/{id}/events}) stays open and announces each task as it ends.
 */
public final class EventStreamPath implements RoundTripPath {
    private final Tasks tasks;
    private final Map<String, CompletableFuture<TaskDocument>> ended = new ConcurrentHashMap<>();
    private volatile RuntimeException streamFailure;
    private TaskEventSubscription subscription;

    public EventStreamPath(FuncFabricClient client, String endpointId) {
        this.tasks = new Tasks(client, endpointId, UUID.randomUUID().toString());
    }

    @Override
    public String name() {
        return "sse";
    }

    @Override
    public TaskDocument roundTrip(String functionId, String payload) throws InterruptedException, TimeoutException {
        String id = tasks.submit(functionId, List.of(payload)).get(0);
        if (subscription == null) {
            // The group exists from its first submit on; the stream replays that task's event.
            subscription = tasks.client().subscribe(tasks.taskGroupId(), 0, this::onEvent, e -> {
                streamFailure = e;
                ended.values().forEach(f -> f.completeExceptionally(e));
            });
        }
        CompletableFuture<TaskDocument> future = ended.computeIfAbsent(id, k -> new CompletableFuture<>());
        if (streamFailure != null) {
            throw streamFailure;
        }
        try {
            return future.get(Tasks.ROUND_TRIP_DEADLINE.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the task event stream failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            ended.remove(id);
        }
    }

    private void onEvent(TaskEvent event) {
        ended.computeIfAbsent(event.task().taskId(), k -> new CompletableFuture<>()).complete(event.task());
    }

    @Override
    public void close() {
        if (subscription != null) {
            subscription.close();
        }
    }
}
