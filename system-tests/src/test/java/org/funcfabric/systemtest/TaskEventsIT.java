package org.funcfabric.systemtest;

import static org.funcfabric.systemtest.support.Buffers.args;
import static org.funcfabric.systemtest.support.Buffers.decodeResult;
import static org.funcfabric.systemtest.support.Buffers.shellFunction;
import static org.funcfabric.systemtest.support.ErrorEnvelope.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;

import org.funcfabric.systemtest.support.ApiResponse;
import org.funcfabric.systemtest.support.EventStream;
import org.funcfabric.systemtest.support.EventStream.Comment;
import org.funcfabric.systemtest.support.EventStream.Event;
import org.funcfabric.systemtest.support.FabricApi;
import org.funcfabric.systemtest.support.FabricStack;
import org.funcfabric.systemtest.support.Poll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

/**
 * {@code GET /v2/taskgroup/{id}/events} on the real stack: task documents pushed as the tasks of a group
 * end, numbered 1, 2, 3… without gaps, resumable with {@code Last-Event-ID} without losing or repeating
 * one, authorized like the group, with keep-alive comments and a per-user limit. The stack runs with a
 * 1 s keep-alive and a limit of {@value #MAX_STREAMS} streams per user so that both show quickly, and
 * with the streams' safety poll an hour apart, so that every live event here must have come through
 * the broker's {@code fabric.events} notices (the poll has its unit test, TaskEventStreamTest).
 */
class TaskEventsIT {
    /**
     * More than user dev opens in this whole class, so that dev's streams closed by one test but not yet
     * noticed by the service (that takes a keep-alive or two) never refuse the next test's.
     */
    private static final int MAX_STREAMS = 8;

    @RegisterExtension
    static final FabricStack STACK = FabricStack.withSlots(2)
            .withEnvironment("FABRIC_EVENTS_KEEPALIVE_S", "1")
            .withEnvironment("FABRIC_EVENTS_POLL_S", "3600")
            .withEnvironment("FABRIC_EVENTS_MAX_STREAMS_PER_USER", Integer.toString(MAX_STREAMS));

    private static final Duration EVENT_DEADLINE = Duration.ofSeconds(120);
    private static final int TASKS = 300;
    private static final int FIRST_CONNECTION_EVENTS = 100;

    private static String bobToken;
    private final FabricApi api = STACK.api();

    @BeforeAll
    static void mintSecondUser() {
        bobToken = STACK.mintToken("bob", "user");
    }

    @Test
    void threeHundredResultsArriveOnceInOrderAcrossAReconnect() {
        String echo = api.registerFunction("echo", shellFunction("echo {0}", 30));
        List<String> payloads = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            payloads.add(args("r" + i));
        }
        long t0 = System.nanoTime();
        FabricApi.Submitted submitted = api.submit(STACK.endpointId(), Map.of(echo, payloads), List.of());
        List<String> taskIds = submitted.tasks().get(echo);
        String path = "/v2/taskgroup/" + submitted.taskGroupId() + "/events";

        List<Event> received = new ArrayList<>();
        List<Duration> liveLatencies = new ArrayList<>();
        Instant connected = Instant.now();
        try (EventStream first = open(path, Map.of())) {
            while (received.size() < FIRST_CONNECTION_EVENTS) {
                received.add(first.next(EVENT_DEADLINE));
            }
        }
        received.forEach(e -> liveLatency(e, connected).ifPresent(liveLatencies::add));
        // Whatever the first connection had buffered beyond this is dropped, as when a client dies.
        String lastSeen = received.get(received.size() - 1).id();
        Instant reconnected = Instant.now();
        try (EventStream second = open(path, Map.of("Last-Event-ID", lastSeen))) {
            while (received.size() < TASKS) {
                Event e = second.next(EVENT_DEADLINE);
                received.add(e);
                liveLatency(e, reconnected).ifPresent(liveLatencies::add);
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        liveLatencies.sort(null);
        System.out.printf("[TaskEventsIT] %d task events in %.1f s (%.0f events/s), submit to last event,"
                + " reconnecting after %d; %d arrived live, completion to event p50 %d ms, p95 %d ms, max %d ms%n",
                TASKS, seconds, TASKS / seconds, FIRST_CONNECTION_EVENTS, liveLatencies.size(),
                percentile(liveLatencies, 50), percentile(liveLatencies, 95), percentile(liveLatencies, 100));

        assertEquals(LongStream.rangeClosed(1, TASKS).boxed().toList(),
                received.stream().map(e -> Long.parseLong(e.id())).toList(), "event ids 1..300 in order, no gap");
        Map<String, JsonObject> byTask = new HashMap<>();
        List<String> wrong = new ArrayList<>();
        for (Event e : received) {
            JsonObject doc = parse(e.data());
            if (!"task".equals(e.name())) {
                wrong.add("event " + e.id() + " is named " + e.name());
            }
            if (byTask.put(doc.getString("task_id"), doc) != null) {
                wrong.add("task " + doc.getString("task_id") + " twice, again as event " + e.id());
            }
        }
        JsonObject polled = api.batchStatus(taskIds);
        for (int i = 0; i < TASKS; i++) {
            String id = taskIds.get(i);
            JsonObject doc = byTask.get(id);
            if (doc == null) {
                wrong.add("task " + i + " (" + id + ") never arrived");
                continue;
            }
            if (!doc.equals(polled.getJsonObject(id))) {
                wrong.add("task " + i + " streamed as " + doc + " but reads as " + polled.getJsonObject(id));
            }
            String stdout = "success".equals(doc.getString("status"))
                    ? decodeResult(doc.getString("result")).asJsonObject().getString("stdout") : doc.toString();
            if (!stdout.equals("r" + i + "\n")) {
                wrong.add("task " + i + " gave " + stdout);
            }
        }
        assertTrue(wrong.isEmpty(), () -> wrong.size() + " problems, first ones:\n  "
                + String.join("\n  ", wrong.subList(0, Math.min(5, wrong.size()))));

        // Last-Event-ID wins over the query parameter, which serves clients that cannot set headers.
        try (EventStream both = open(path + "?last_event_id=5", Map.of("Last-Event-ID", "298"))) {
            assertEquals("299", both.next(EVENT_DEADLINE).id());
            assertEquals("300", both.next(EVENT_DEADLINE).id());
        }
        try (EventStream query = open(path + "?last_event_id=" + (TASKS - 1), Map.of())) {
            Event last = query.next(EVENT_DEADLINE);
            assertEquals(Integer.toString(TASKS), last.id());
            assertEquals(received.get(TASKS - 1).data(), last.data(), "a replay shows the same document");
        }
        long replayStart = System.nanoTime();
        try (EventStream replay = open(path, Map.of())) {
            for (int i = 1; i <= TASKS; i++) {
                assertEquals(Integer.toString(i), replay.next(EVENT_DEADLINE).id());
            }
        }
        double replaySeconds = (System.nanoTime() - replayStart) / 1e9;
        System.out.printf("[TaskEventsIT] replay of %d events from the start: %.0f ms (%.0f events/s)%n",
                TASKS, replaySeconds * 1000, TASKS / replaySeconds);
    }

    @Test
    void streamStaysOpenForTasksSubmittedToTheGroupLater() {
        String echo = api.registerFunction("echo", shellFunction("echo {0}", 30));
        FabricApi.Submitted first = api.submit(STACK.endpointId(), Map.of(echo, List.of(args("early"))), List.of());
        String group = first.taskGroupId();

        try (EventStream stream = open("/v2/taskgroup/" + group + "/events", Map.of())) {
            Event early = stream.next(EVENT_DEADLINE);
            assertEquals("1", early.id());
            assertEquals(first.allTaskIds().get(0), parse(early.data()).getString("task_id"));
            awaitComments(stream, 2); // idle for a while: still open

            JsonObject body = Json.createObjectBuilder(FabricApi.submitBody(Map.of(echo, List.of(args("late"))), List.of()))
                    .add("task_group_id", group).build();
            ApiResponse later = api.post("/v3/endpoints/" + STACK.endpointId() + "/submit", body);
            assertEquals(200, later.status(), later::toString);
            String lateTask = later.object().getJsonObject("tasks").getJsonArray(echo).getString(0);

            Event late = stream.next(EVENT_DEADLINE);
            assertEquals("2", late.id());
            assertEquals(lateTask, parse(late.data()).getString("task_id"));
        }
    }

    @Test
    void idleStreamGetsKeepAliveCommentsAtTheConfiguredInterval() {
        String group = echoGroup(api, "x");
        try (EventStream stream = open("/v2/taskgroup/" + group + "/events", Map.of())) {
            stream.next(EVENT_DEADLINE);
            List<Comment> comments = awaitComments(stream, 4);

            assertTrue(comments.stream().allMatch(c -> c.text().equals("keep-alive")), comments::toString);
            Duration spread = Duration.between(comments.get(1).at(), comments.get(3).at());
            assertTrue(spread.compareTo(Duration.ofSeconds(5)) < 0,
                    () -> "two keep-alive intervals took " + spread + ", expected about 2 s (FABRIC_EVENTS_KEEPALIVE_S=1)");
            assertFalse(stream.hasEnded(), "the stream stays open while idle");
        }
    }

    @Test
    void refusalsComeAsErrorEnvelopesBeforeAnyStream() {
        String group = echoGroup(api, "x");
        String path = "/v2/taskgroup/" + group + "/events";

        assertError(refusal(bobToken, path, Map.of()), 404, "TASK_GROUP_NOT_FOUND");
        assertError(refusal(STACK.token(), "/v2/taskgroup/" + UUID.randomUUID() + "/events", Map.of()), 404,
                "TASK_GROUP_NOT_FOUND");
        assertError(refusal(STACK.token(), "/v2/taskgroup/not-a-uuid/events", Map.of()), 400, "INVALID_UUID");
        assertError(refusal(null, path, Map.of()), 401, "USER_UNAUTHENTICATED", "INVALID_AUTH_TOKEN");
        assertError(refusal(STACK.token(), path, Map.of("Last-Event-ID", "abc")), 400, "REQUEST_MALFORMED");
        assertError(refusal(STACK.token(), path, Map.of("Last-Event-ID", "-1")), 400, "REQUEST_MALFORMED");
        assertError(refusal(STACK.token(), path + "?last_event_id=1.5", Map.of()), 400, "REQUEST_MALFORMED");
    }

    @Test
    void aUserMayHoldOnlySoManyStreamsAndAClosedOneFreesItsPlace() {
        String carolToken = STACK.mintToken("carol", "user");
        FabricApi carol = api.as(carolToken);
        // carol cannot use dev's endpoint: her task waits on an endpoint of her own that no connector serves
        ApiResponse endpoint = carol.post("/v3/endpoints", Json.createObjectBuilder()
                .add("endpoint_name", "carol-" + UUID.randomUUID()).build());
        assertEquals(200, endpoint.status(), endpoint::toString);
        String echo = carol.registerFunction("echo", shellFunction("echo {0}", 30));
        String group = carol.submit(endpoint.object().getString("endpoint_id"), Map.of(echo, List.of(args("x"))),
                List.of()).taskGroupId();
        String path = "/v2/taskgroup/" + group + "/events";

        List<EventStream> open = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_STREAMS; i++) {
                open.add(EventStream.open(STACK.baseUrl(), carolToken, path, Map.of()).stream());
            }
            assertError(refusal(carolToken, path, Map.of()), 429, "MAX_REQUESTS_EXCEEDED");
            try (EventStream devs = open("/v2/taskgroup/" + echoGroup(api, "y") + "/events", Map.of())) {
                devs.next(EVENT_DEADLINE); // another user's streams do not count against carol's
            }

            open.remove(0).close();
            // The service notices a vanished client when a write fails: a keep-alive or two later.
            AtomicReference<EventStream.Opened> attempt = new AtomicReference<>();
            Poll.until(Duration.ofSeconds(30), Duration.ofMillis(250), () -> {
                attempt.set(EventStream.open(STACK.baseUrl(), carolToken, path, Map.of()));
                return attempt.get().isStream();
            }, () -> "no place freed for carol after closing one of her streams: " + attempt.get().refusal());
            open.add(attempt.get().stream());
        } finally {
            open.forEach(EventStream::close);
        }
    }

    /** How long after its task completed an event arrived, if the task completed while the stream was open. */
    private static Optional<Duration> liveLatency(Event e, Instant streamOpened) {
        BigDecimal completedSeconds = parse(e.data()).getJsonObject("details").getJsonObject("task_transitions")
                .getJsonNumber("completed").bigDecimalValue();
        Instant completed = Instant.ofEpochMilli(completedSeconds.movePointRight(3).longValue());
        return completed.isBefore(streamOpened) ? Optional.empty() : Optional.of(Duration.between(completed, e.at()));
    }

    private static long percentile(List<Duration> sorted, int p) {
        return sorted.isEmpty() ? -1 : sorted.get(Math.max(0, sorted.size() * p / 100 - 1)).toMillis();
    }

    /** A new task group of the user's holding one shell task, {@code echo word}. */
    private static String echoGroup(FabricApi user, String word) {
        String echo = user.registerFunction("echo", shellFunction("echo {0}", 30));
        return user.submit(STACK.endpointId(), Map.of(echo, List.of(args(word))), List.of()).taskGroupId();
    }

    private static EventStream open(String path, Map<String, String> headers) {
        return EventStream.open(STACK.baseUrl(), STACK.token(), path, headers).stream();
    }

    private static ApiResponse refusal(String token, String path, Map<String, String> headers) {
        return EventStream.open(STACK.baseUrl(), token, path, headers).refusal();
    }

    /** Waits for {@code count} comments after now; returns them. */
    private static List<Comment> awaitComments(EventStream stream, int count) {
        Instant since = Instant.now();
        AtomicReference<List<Comment>> recent = new AtomicReference<>(List.of());
        Poll.until(Duration.ofSeconds(30), Duration.ofMillis(100), () -> {
            recent.set(stream.comments().stream().filter(c -> !c.at().isBefore(since)).toList());
            return recent.get().size() >= count;
        }, () -> "fewer than " + count + " comments since " + since + ": " + stream.comments());
        return recent.get();
    }

    private static JsonObject parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
