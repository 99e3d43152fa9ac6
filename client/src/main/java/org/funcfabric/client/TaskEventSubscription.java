package org.funcfabric.client;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.sse.InboundSseEvent;
import jakarta.ws.rs.sse.SseEventSource;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.funcfabric.client.model.TaskDocument;
import org.funcfabric.client.model.TaskEvent;

/**
 * An open {@code GET /v2/taskgroup/{id}/events} stream. A dropped connection is reopened by the
 * Jakarta REST event source with {@code Last-Event-ID} set to the last event handed to the listener,
 * so the service replays what was missed and nothing twice; a stream that cannot be (re)opened is
 * reported once to the failure handler and stays closed.
 */
public final class TaskEventSubscription implements AutoCloseable {
    static final String LAST_EVENT_ID = "Last-Event-ID";
    private static final String TASK_EVENT = "task";

    private final AtomicLong lastEventId;
    private final SseEventSource source;

    TaskEventSubscription(WebTarget events, long afterEventId, long reconnectDelayMillis,
                          Consumer<TaskEvent> listener, Consumer<FuncFabricException> onFailure,
                          Function<Throwable, FuncFabricException> errors) {
        this.lastEventId = new AtomicLong(afterEventId);
        this.source = SseEventSource.target(events.register(new ResumeFilter(lastEventId)))
                .reconnectingEvery(reconnectDelayMillis, TimeUnit.MILLISECONDS)
                .build();
        source.register(event -> deliver(event, listener), error -> onFailure.accept(errors.apply(error)));
    }

    void open() {
        source.open();
    }

    /** The number of the last event handed to the listener; where a new stream would resume. */
    public long lastEventId() {
        return lastEventId.get();
    }

    /** Whether the stream is connected or reconnecting; false once it failed or was closed. */
    public boolean isOpen() {
        return source.isOpen();
    }

    @Override
    public void close() {
        source.close(1, TimeUnit.SECONDS);
    }

    private void deliver(InboundSseEvent event, Consumer<TaskEvent> listener) {
        // Keep-alive comments and events of kinds this client does not know carry no task.
        if (!TASK_EVENT.equals(event.getName()) || event.getId() == null || event.isEmpty()) {
            return;
        }
        long id = Long.parseLong(event.getId().strip());
        TaskDocument task = Json.API.fromJson(event.readData(), TaskDocument.class);
        listener.accept(new TaskEvent(id, task));
        // Only after the listener had it: an event it threw on comes again after a reconnect.
        lastEventId.accumulateAndGet(id, Math::max);
    }

    /**
     * Sets {@code Last-Event-ID} on every (re)connection from the events this client delivered, which
     * also resumes a new subscription after an earlier one.
     */
    private record ResumeFilter(AtomicLong lastEventId) implements ClientRequestFilter {
        @Override
        public void filter(ClientRequestContext request) {
            long last = lastEventId.get();
            if (last > 0) {
                request.getHeaders().putSingle(LAST_EVENT_ID, Long.toString(last));
            } else {
                request.getHeaders().remove(LAST_EVENT_ID);
            }
        }
    }
}
