package org.funcfabric.api.events;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.funcfabric.api.json.JsonbResolver;
import org.funcfabric.api.task.TaskDocument;
import org.funcfabric.core.task.Task;

/**
 * One client's open event stream of one task group. It remembers the last event number it sent and,
 * whenever it is woken, sends the group's terminal tasks numbered after it, in order, a page at a time.
 * Wake-ups coalesce: at most one read runs per stream, and any number of wake-ups during a read cause
 * one more read after it — so a burst of notices costs a few queries, not one each, and since every
 * read starts from the last number sent, a notice that is lost or repeated neither loses nor repeats
 * an event. A slow poll covers lost notices; a comment line keeps idle connections open through
 * proxies and finds clients that have gone.
 */
final class TaskEventStream {
    private static final Logger LOG = Logger.getLogger(TaskEventStream.class.getName());
    static final String EVENT_NAME = "task";
    static final String KEEP_ALIVE = "keep-alive";

    /** The store's side of a stream: the group's terminal tasks numbered after a given one. */
    @FunctionalInterface
    interface EventReader {
        /** At most {@code max} tasks numbered after {@code eventNumber}, by number. */
        List<Task> after(long eventNumber, int max);
    }

    private final String owner;
    private final String taskGroupId;
    private final SseEventSink sink;
    private final Sse sse;
    private final EventReader reader;
    private final int pageSize;
    private final ScheduledExecutorService executor;
    private final Consumer<TaskEventStream> onClose;

    private final AtomicBoolean readScheduled = new AtomicBoolean();
    private final AtomicBoolean woken = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Written only by the one read in progress; read by wake-ups on other threads. */
    private volatile long lastSent;
    private volatile List<ScheduledFuture<?>> timers = List.of();

    /**
     * @param lastSent the client's {@code Last-Event-ID}: the stream starts after it (0: from the start)
     * @param onClose  called once when the stream ends, whoever ends it
     */
    TaskEventStream(String owner, String taskGroupId, long lastSent, SseEventSink sink, Sse sse, EventReader reader,
                    int pageSize, ScheduledExecutorService executor, Consumer<TaskEventStream> onClose) {
        this.owner = owner;
        this.taskGroupId = taskGroupId;
        this.lastSent = lastSent;
        this.sink = sink;
        this.sse = sse;
        this.reader = reader;
        this.pageSize = pageSize;
        this.executor = executor;
        this.onClose = onClose;
    }

    /** Replays what the group already has after {@code lastSent}, then keeps the stream alive and polling. */
    void start(long keepAliveSeconds, long pollSeconds) {
        timers = List.of(
                executor.scheduleAtFixedRate(this::keepAlive, keepAliveSeconds, keepAliveSeconds, TimeUnit.SECONDS),
                executor.scheduleWithFixedDelay(this::wake, pollSeconds, pollSeconds, TimeUnit.SECONDS));
        if (closed.get()) {
            // closed while the timers were being set up, so close() could not cancel them
            timers.forEach(t -> t.cancel(false));
            return;
        }
        wake();
    }

    /** A task event of this group numbered {@code eventNumber} exists; read unless it was sent already. */
    void announced(long eventNumber) {
        if (eventNumber > lastSent) {
            wake();
        }
    }

    /** Reads what is new, now or right after the read in progress. */
    void wake() {
        woken.set(true);
        if (!closed.get() && readScheduled.compareAndSet(false, true)) {
            try {
                executor.execute(this::readWhileWoken);
            } catch (RejectedExecutionException e) {
                // the executor is going away with the application, which closes every stream
                readScheduled.set(false);
            }
        }
    }

    private void readWhileWoken() {
        try {
            while (!closed.get() && woken.getAndSet(false)) {
                sendNewEvents();
            }
        } catch (RuntimeException e) {
            // The client resumes from its Last-Event-ID on a new stream; this one cannot go on.
            LOG.log(Level.WARNING, "event stream of task group " + taskGroupId + " ended: reading the store failed", e);
            close();
        } finally {
            readScheduled.set(false);
        }
        // woken between the last check and the reset above: that wake-up found the read still scheduled
        if (woken.get()) {
            wake();
        }
    }

    private void sendNewEvents() {
        List<Task> page;
        do {
            page = reader.after(lastSent, pageSize);
            for (Task task : page) {
                if (!send(event(task))) {
                    return;
                }
                lastSent = task.eventNumber();
            }
        } while (page.size() == pageSize);
    }

    private OutboundSseEvent event(Task task) {
        // Text, not an entity for JAX-RS to serialize: the very JSON that GET /v2/tasks/{id} answers.
        return sse.newEventBuilder()
                .name(EVENT_NAME)
                .id(Long.toString(task.eventNumber()))
                .data(String.class, JsonbResolver.JSONB.toJson(TaskDocument.from(task)))
                .build();
    }

    private void keepAlive() {
        send(sse.newEventBuilder().comment(KEEP_ALIVE).build());
    }

    /** @return false, and the stream closed, when the client is gone */
    private boolean send(OutboundSseEvent event) {
        if (closed.get()) {
            return false;
        }
        try {
            sink.send(event).toCompletableFuture().join();
            return true;
        } catch (IllegalStateException | CompletionException gone) {
            close();
            return false;
        }
    }

    /** Ends the stream once: stops its timers, closes the connection and tells the registry. */
    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        timers.forEach(t -> t.cancel(false));
        try {
            sink.close();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "closing the event stream of task group " + taskGroupId, e);
        }
        onClose.accept(this);
    }

    boolean isClosed() {
        return closed.get();
    }

    String owner() {
        return owner;
    }

    String taskGroupId() {
        return taskGroupId;
    }

    long lastSent() {
        return lastSent;
    }
}
