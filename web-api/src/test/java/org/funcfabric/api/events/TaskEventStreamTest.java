package org.funcfabric.api.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.core.GenericType;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.funcfabric.core.task.RetryPolicy;
import org.funcfabric.core.task.Task;
import org.funcfabric.core.task.TaskGroup;
import org.funcfabric.it.support.Poll;
import org.funcfabric.protocol.ResultMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One stream's reading and writing against a store held in memory: order, resumption, coalesced
 * wake-ups, the safety poll, keep-alive comments and the end of a stream whose client has gone.
 */
class TaskEventStreamTest {
    private static final long LONG_TIME = 3600;

    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(4);
    private final Store store = new Store();
    private final RecordingSink sink = new RecordingSink();
    private final AtomicInteger closings = new AtomicInteger();

    @AfterEach
    void stopExecutor() {
        executor.shutdownNow();
    }

    private TaskEventStream stream(long lastEventId, int pageSize) {
        return new TaskEventStream("alice", "g1", lastEventId, sink, new FakeSse(), store, pageSize, executor,
                s -> closings.incrementAndGet());
    }

    @Test
    void replaysAfterTheLastEventIdThenSendsNewEventsInOrderOnce() {
        store.complete(5);
        TaskEventStream stream = stream(2, 500);
        stream.start(LONG_TIME, LONG_TIME);
        Poll.until("events 3..5", sink::eventIds, ids -> ids.equals(List.of(3L, 4L, 5L)));

        store.complete(3);
        stream.announced(8);
        stream.announced(7);
        stream.announced(8);

        List<Long> ids = Poll.until("events 3..8", sink::eventIds, i -> i.size() >= 6);
        assertEquals(List.of(3L, 4L, 5L, 6L, 7L, 8L), ids);
        assertEquals(8, stream.lastSent());
    }

    @Test
    void eventIsTheTaskDocumentNamedTaskWithItsNumberAsId() {
        store.complete(1);
        stream(0, 500).start(LONG_TIME, LONG_TIME);

        Sent event = Poll.until("one event", sink::events, e -> !e.isEmpty()).get(0);
        assertEquals("task", event.name());
        assertEquals("1", event.id());
        Map<?, ?> doc = JsonbBuilder.create().fromJson((String) event.data(), Map.class);
        assertEquals(store.tasks.get(0).id(), doc.get("task_id"));
        assertEquals("success", doc.get("status"));
        assertEquals("11\n1", doc.get("result"));
    }

    @Test
    void burstOfNoticesCostsAFewPagedReadsNotOneEach() {
        int events = 10_000;
        int pageSize = 500;
        store.complete(events);
        TaskEventStream stream = stream(0, pageSize);

        stream.start(LONG_TIME, LONG_TIME);
        LongStream.rangeClosed(1, events).forEach(stream::announced);

        List<Long> ids = Poll.until(events + " events", sink::eventIds, i -> i.size() >= events);
        assertEquals(LongStream.rangeClosed(1, events).boxed().toList(), ids, "every event once, in order");
        int reads = store.reads.get();
        assertTrue(reads <= events / pageSize + 5, () -> reads + " reads for " + events + " events in pages of "
                + pageSize + ": the notices should have been coalesced");
        assertTrue(store.largestPage.get() <= pageSize, "no read larger than a page");
    }

    @Test
    void lostNoticeIsMadeUpByThePoll() {
        TaskEventStream stream = stream(0, 500);
        stream.start(LONG_TIME, 1);
        Poll.until("first read", () -> store.reads.get() >= 1);

        store.complete(2); // and nobody announces them

        assertEquals(List.of(1L, 2L), Poll.until("events 1..2 by polling", sink::eventIds, i -> i.size() >= 2));
    }

    @Test
    void idleStreamSendsKeepAliveComments() {
        stream(0, 500).start(1, LONG_TIME);

        Poll.until("two keep-alive comments", () -> sink.events().stream()
                .filter(e -> TaskEventStream.KEEP_ALIVE.equals(e.comment())).count() >= 2);
        assertTrue(sink.eventIds().isEmpty());
    }

    @Test
    void goneClientEndsTheStreamOnceAndItReadsNoMore() {
        store.complete(1);
        sink.gone = true;
        TaskEventStream stream = stream(0, 500);

        stream.start(LONG_TIME, LONG_TIME);
        // the stream marks itself closed before it tells the registry, on the executor's thread
        Poll.until("stream closed and the registry told", () -> stream.isClosed() && closings.get() >= 1);
        int reads = store.reads.get();
        stream.announced(2);
        stream.close();

        assertEquals(1, closings.get(), "the registry hears of the end once");
        assertTrue(sink.closed);
        assertEquals(reads, store.reads.get(), "a closed stream does not read");
    }

    /** A task group's terminal tasks, numbered as the service numbers them. */
    private static final class Store implements TaskEventStream.EventReader {
        private final TaskGroup group = new TaskGroup("g1", "alice", 1);
        private final List<Task> tasks = new CopyOnWriteArrayList<>();
        private final AtomicInteger reads = new AtomicInteger();
        private final AtomicInteger largestPage = new AtomicInteger();

        /** Ends {@code count} more tasks, numbered after those before. */
        synchronized void complete(int count) {
            for (int i = 0; i < count; i++) {
                int n = tasks.size() + 1;
                Task task = new Task("t" + n, "g1", "alice", "f", "e", "r", "p", null, RetryPolicy.NONE, 1);
                task.complete(new ResultMessage(ResultMessage.VERSION, task.id(), "e", "w", ResultMessage.SUCCESS,
                        "11\n" + n, null, 2, 3, 4, 5, 1), 6, group);
                tasks.add(task);
            }
        }

        @Override
        public List<Task> after(long eventNumber, int max) {
            reads.incrementAndGet();
            List<Task> page = tasks.stream().filter(t -> t.eventNumber() > eventNumber).limit(max).toList();
            largestPage.accumulateAndGet(page.size(), Math::max);
            return page;
        }
    }

    private record Sent(String name, String id, String comment, Object data) implements OutboundSseEvent {
        @Override
        public Class<?> getType() {
            return data == null ? null : data.getClass();
        }

        @Override
        public Type getGenericType() {
            return getType();
        }

        @Override
        public MediaType getMediaType() {
            return MediaType.TEXT_PLAIN_TYPE;
        }

        @Override
        public Object getData() {
            return data;
        }

        @Override
        public String getId() {
            return id;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public String getComment() {
            return comment;
        }

        @Override
        public long getReconnectDelay() {
            return -1;
        }

        @Override
        public boolean isReconnectDelaySet() {
            return false;
        }
    }

    private static final class SentBuilder implements OutboundSseEvent.Builder {
        private String name;
        private String id;
        private String comment;
        private Object data;

        @Override
        public OutboundSseEvent.Builder id(String id) {
            this.id = id;
            return this;
        }

        @Override
        public OutboundSseEvent.Builder name(String name) {
            this.name = name;
            return this;
        }

        @Override
        public OutboundSseEvent.Builder reconnectDelay(long milliseconds) {
            return this;
        }

        @Override
        public OutboundSseEvent.Builder mediaType(MediaType mediaType) {
            return this;
        }

        @Override
        public OutboundSseEvent.Builder comment(String comment) {
            this.comment = comment;
            return this;
        }

        @Override
        @SuppressWarnings("rawtypes")
        public OutboundSseEvent.Builder data(Class type, Object data) {
            this.data = data;
            return this;
        }

        @Override
        @SuppressWarnings("rawtypes")
        public OutboundSseEvent.Builder data(GenericType type, Object data) {
            this.data = data;
            return this;
        }

        @Override
        public OutboundSseEvent.Builder data(Object data) {
            this.data = data;
            return this;
        }

        @Override
        public OutboundSseEvent build() {
            return new Sent(name, id, comment, data);
        }
    }

    private static final class FakeSse implements Sse {
        @Override
        public OutboundSseEvent.Builder newEventBuilder() {
            return new SentBuilder();
        }

        @Override
        public SseBroadcaster newBroadcaster() {
            throw new UnsupportedOperationException();
        }
    }

    /** Records what a client would receive; {@code gone} plays a client that has disconnected. */
    private static final class RecordingSink implements SseEventSink {
        private final List<Sent> events = new ArrayList<>();
        private volatile boolean gone;
        private volatile boolean closed;

        @Override
        public boolean isClosed() {
            return closed;
        }

        @Override
        public synchronized CompletionStage<?> send(OutboundSseEvent event) {
            if (gone) {
                // what Jersey's sink does once a write to the connection has failed
                throw new IllegalStateException("closed");
            }
            events.add((Sent) event);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close() {
            closed = true;
        }

        synchronized List<Sent> events() {
            return List.copyOf(events);
        }

        synchronized List<Long> eventIds() {
            return events.stream().filter(e -> e.id() != null).map(e -> Long.parseLong(e.id())).toList();
        }
    }
}
