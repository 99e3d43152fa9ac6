package org.funcfabric.bench.measure;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import org.funcfabric.client.FuncFabricClient;
import org.funcfabric.client.model.TaskDocument;

/**
 * The long poll: submit, then {@code GET /v2/tasks/{id}?wait=S}, which the service answers the moment
 * the task ends; one request per wait, no event stream.
 */
public final class LongPollPath implements RoundTripPath {
    static final Duration WAIT = Duration.ofSeconds(30);

    private final Tasks tasks;

    public LongPollPath(FuncFabricClient client, String endpointId) {
        this.tasks = new Tasks(client, endpointId, UUID.randomUUID().toString());
    }

    @Override
    public String name() {
        return "wait";
    }

    /** Asks again while the task has not ended: a service without long polls answers at once. */
    @Override
    public TaskDocument roundTrip(String functionId, String payload) throws TimeoutException {
        String id = tasks.submit(functionId, List.of(payload)).get(0);
        long deadline = System.nanoTime() + Tasks.ROUND_TRIP_DEADLINE.toNanos();
        while (true) {
            TaskDocument task = tasks.client().awaitTask(id, WAIT);
            if (task.isTerminal()) {
                return task;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("task " + id + " still " + task.status() + " after "
                        + Tasks.ROUND_TRIP_DEADLINE.toSeconds() + " s");
            }
        }
    }

    @Override
    public void close() {
        // Nothing held: the client's connections belong to the client.
    }
}
