package org.funcfabric.bench.measure;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

import org.funcfabric.client.FuncFabricClient;
import org.funcfabric.client.model.TaskDocument;

/**
 * Plain REST: submit, then {@code GET /v2/tasks/{id}} over the client's kept-alive connection in a
 * tight loop with a {@link #PAUSE} between polls, as an impatient script would.
 */
public final class PollingPath implements RoundTripPath {
    static final Duration PAUSE = Duration.ofMillis(1);

    private final Tasks tasks;

    public PollingPath(FuncFabricClient client, String endpointId) {
        this.tasks = new Tasks(client, endpointId, UUID.randomUUID().toString());
    }

    @Override
    public String name() {
        return "poll";
    }

    @Override
    public TaskDocument roundTrip(String functionId, String payload) throws InterruptedException, TimeoutException {
        String id = tasks.submit(functionId, List.of(payload)).get(0);
        long deadline = System.nanoTime() + Tasks.ROUND_TRIP_DEADLINE.toNanos();
        while (true) {
            TaskDocument task = tasks.client().getTask(id);
            if (task.isTerminal()) {
                return task;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("task " + id + " still " + task.status() + " after "
                        + Tasks.ROUND_TRIP_DEADLINE.toSeconds() + " s");
            }
            LockSupport.parkNanos(PAUSE.toNanos());
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    @Override
    public void close() {
        // Nothing held: the client's connections belong to the client.
    }
}
