package org.funcfabric.systemtest;

import static org.funcfabric.systemtest.support.Buffers.args;
import static org.funcfabric.systemtest.support.Buffers.kwargs;
import static org.funcfabric.systemtest.support.Buffers.pythonFunction;
import static org.funcfabric.systemtest.support.Buffers.shellFunction;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.funcfabric.systemtest.support.ApiResponse;
import org.funcfabric.systemtest.support.FabricApi;
import org.funcfabric.systemtest.support.FabricApi.Submitted;
import org.funcfabric.systemtest.support.FabricStack;
import org.funcfabric.systemtest.support.Poll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * Retries, timeouts, cancellation and remote stop over real processes: a 2-slot endpoint whose
 * connector heartbeats every 2 s and is called offline after 6 s of silence. The lock test stops the
 * connector, so it runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReliabilityIT {
    @RegisterExtension
    static final FabricStack STACK = FabricStack.withSlots(2)
            .withEnvironment("FABRIC_HEARTBEAT_PERIOD", "2")
            .withEnvironment("FABRIC_HEARTBEAT_THRESHOLD", "6");

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(100);

    private final FabricApi api = STACK.api();

    @Test
    @Order(1)
    void aQueuedTaskCancelledAtTheBackNeverRunsWhileTheOthersDo() {
        String sleep = api.registerFunction("sleep", shellFunction("sleep {s}", 60));
        List<String> ids = api.submit(STACK.endpointId(), Map.of(sleep, Collections.nCopies(6, kwargs(Map.of("s", "1")))),
                List.of()).tasks().get(sleep);
        String last = ids.get(ids.size() - 1);

        JsonObject cancelled = cancel(last);

        assertEquals("cancelled", cancelled.getString("status"));
        Map<String, JsonObject> docs = api.awaitTerminal(ids, DEADLINE);
        for (String id : ids.subList(0, ids.size() - 1)) {
            assertEquals("success", docs.get(id).getString("status"), () -> id + ": " + docs.get(id));
        }
        assertEquals("cancelled", docs.get(last).getString("status"), "the worker's late word changes nothing");
    }

    @Test
    @Order(2)
    void cancellingRunningTasksFreesTheirSlotsAtOnce() {
        // the marker file says the task is on a slot: the service hears of a task only when it ends
        String sleep = api.registerFunction("sleep", shellFunction("touch {m} && sleep {s}", 60));
        String echo = api.registerFunction("echo", shellFunction("echo {x}", 10));
        List<Path> markers = List.of(STACK.home().resolve("running-1"), STACK.home().resolve("running-2"));
        List<String> running = api.submit(STACK.endpointId(), Map.of(sleep, markers.stream()
                .map(m -> kwargs(Map.of("m", m.toString(), "s", "30"))).toList()), List.of()).tasks().get(sleep);
        Poll.until(DEADLINE, POLL, () -> markers.stream().allMatch(Files::exists), () -> "both sleeps on a slot");

        long t0 = System.nanoTime();
        running.forEach(id -> assertEquals("cancelled", cancel(id).getString("status")));
        String after = api.submitOne(STACK.endpointId(), echo, kwargs(Map.of("x", "free")));
        JsonObject done = api.awaitTerminal(after, DEADLINE);
        double seconds = (System.nanoTime() - t0) / 1e9;

        assertEquals("success", done.getString("status"), done::toString);
        System.out.printf("[ReliabilityIT] cancel of 2 running tasks to the next task's result: %.2f s%n", seconds);
        assertTrue(seconds < 10, "the slots came free within seconds, not after the 30 s sleeps: " + seconds);
    }

    @Test
    @Order(3)
    void cancellingAFinishedTaskIsANoOpThatAnswersItsDocument() {
        String echo = api.registerFunction("echo", shellFunction("echo {x}", 10));
        String id = api.submitOne(STACK.endpointId(), echo, kwargs(Map.of("x", "done")));
        JsonObject finished = api.awaitTerminal(id, DEADLINE);

        JsonObject answer = cancel(id);

        assertEquals("success", answer.getString("status"));
        assertEquals(finished.getString("result"), answer.getString("result"));
        assertEquals(404, api.as(STACK.mintToken("someone-else", "user")).post("/v2/tasks/" + id + "/cancel",
                JsonObject.EMPTY_JSON_OBJECT).status(), "another user's task is not found");
    }

    @Test
    @Order(4)
    void cancellingAGroupCancelsWhatHasNotEnded() {
        String echo = api.registerFunction("echo", shellFunction("echo {x}", 10));
        String sleep = api.registerFunction("sleep", shellFunction("sleep {s}", 60));
        Submitted first = api.submit(STACK.endpointId(), Map.of(echo, List.of(kwargs(Map.of("x", "a")))), List.of());
        api.awaitTerminal(first.allTaskIds(), DEADLINE);
        ApiResponse more = api.post("/v3/endpoints/" + STACK.endpointId() + "/submit",
                Json.createObjectBuilder(FabricApi.submitBody(Map.of(sleep, Collections.nCopies(4, kwargs(Map.of("s", "20")))),
                        List.of())).add("task_group_id", first.taskGroupId()).build());
        assertEquals(200, more.status(), more::toString);

        ApiResponse r = api.post("/v2/taskgroup/" + first.taskGroupId() + "/cancel", JsonObject.EMPTY_JSON_OBJECT);

        assertEquals(200, r.status(), r::toString);
        assertEquals(first.taskGroupId(), r.object().getString("task_group_id"));
        assertEquals(4, r.object().getInt("cancelled"));
        assertEquals(1, r.object().getInt("already_done"));
    }

    @Test
    @Order(5)
    void aTaskOverItsTimeoutFailsWithTaskTimeout() {
        String sleep = api.registerFunction("sleep", shellFunction("sleep {s}", 60));
        long t0 = System.nanoTime();
        String id = submitWith(sleep, kwargs(Map.of("s", "30")), Json.createObjectBuilder().add("timeout_s", 2).build());

        JsonObject done = api.awaitTerminal(id, DEADLINE);
        double seconds = (System.nanoTime() - t0) / 1e9;

        System.out.printf("[ReliabilityIT] timeout_s 2 to the failed result: %.2f s%n", seconds);
        assertEquals("failed", done.getString("status"), done::toString);
        assertTrue(done.getString("exception").contains("TaskTimeout"), done::toString);
        assertTrue(seconds < 8, "failed soon after its timeout: " + seconds);
    }

    @Test
    @Order(6)
    void aFunctionThatFailsTwiceSucceedsOnItsThirdAttempt() {
        String flaky = api.registerFunction("flaky", pythonFunction("flaky", """
                def flaky(path):
                    import os
                    n = int(open(path).read()) + 1 if os.path.exists(path) else 1
                    open(path, "w").write(str(n))
                    if n < 3:
                        raise RuntimeError("attempt %d fails" % n)
                    return n
                """));
        Path counter = STACK.home().resolve("flaky-" + System.nanoTime());
        long t0 = System.nanoTime();
        String id = submitWith(flaky, args(counter.toString()), Json.createObjectBuilder()
                .add("max_retries", 3).add("retry_on", Json.createArrayBuilder().add("RuntimeError"))
                .add("retry_backoff_s", 0.5).build());

        JsonObject done = api.awaitTerminal(id, DEADLINE);
        double seconds = (System.nanoTime() - t0) / 1e9;

        System.out.printf("[ReliabilityIT] three attempts with backoff 0.5 s: %.2f s%n", seconds);
        assertEquals("success", done.getString("status"), done::toString);
        assertEquals(3, done.getInt("attempt"));
        assertEquals(2, done.getJsonArray("attempts").size(), done::toString);
        assertTrue(done.getJsonArray("attempts").getJsonObject(0).getString("exception").contains("RuntimeError"));
        assertTrue(seconds >= 1.5, "backoffs of 0.5 s and 1.0 s: " + seconds);
    }

    @Test
    @Order(7)
    void badRetryFieldsAreRefused() {
        String echo = api.registerFunction("echo", shellFunction("echo {x}", 10));
        for (JsonObject bad : List.of(Json.createObjectBuilder().add("max_retries", 9).build(),
                Json.createObjectBuilder().add("retry_backoff_s", 0).build(),
                Json.createObjectBuilder().add("timeout_s", -1).build())) {
            ApiResponse r = post(echo, kwargs(Map.of("x", "a")), bad);
            assertEquals(422, r.status(), () -> bad + ": " + r);
            assertEquals("SEMANTICALLY_INVALID", r.object().getString("code"));
        }
    }

    @Test
    @Order(8)
    void aSilentConnectorShowsOfflineAfterTheThresholdAndOnlineWithItsNextHeartbeat() throws Exception {
        long connector = STACK.childPid("connector").orElseThrow();
        String statusPath = "/v2/endpoints/" + STACK.endpointId() + "/status";
        assertEquals("online", api.get(statusPath).object().getString("status"));

        // SIGSTOP: the connector neither heartbeats nor says goodbye, as when its host hangs
        signal("STOP", connector);
        long t0 = System.nanoTime();
        try {
            // threshold 6 s after the last heartbeat (period 2 s): offline 4 to 6 s from now (less if a
            // heartbeat came late under load), plus polling
            Poll.until(Duration.ofSeconds(20), POLL, () -> "offline".equals(api.get(statusPath).object().getString("status")),
                    () -> "still online " + (System.nanoTime() - t0) / 1_000_000 + " ms after the connector fell silent");
            double silent = (System.nanoTime() - t0) / 1e9;
            assertTrue(silent >= 3.0, "offline after " + silent + " s, before the 6 s threshold could pass");
            System.out.printf("[ReliabilityIT] silent connector shown offline after %.2f s (threshold 6 s, period 2 s)%n",
                    silent);
        } finally {
            signal("CONT", connector);
        }
        long t1 = System.nanoTime();
        Poll.until(Duration.ofSeconds(10), POLL, () -> "online".equals(api.get(statusPath).object().getString("status")),
                () -> "still offline after the connector resumed");
        System.out.printf("[ReliabilityIT] online again %.2f s after the connector resumed%n", (System.nanoTime() - t1) / 1e9);
    }

    private static void signal(String name, long pid) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start().waitFor(),
                "kill -" + name + " " + pid);
    }

    @Test
    @Order(9)
    void statusShowsTheQueueAndALockStopsTheConnector() {
        JsonObject status = api.get("/v2/endpoints/" + STACK.endpointId() + "/status").object();
        assertEquals("online", status.getString("status"));
        JsonObject details = status.getJsonObject("details");
        assertEquals(2, details.getInt("total_slots"));
        assertTrue(details.getJsonNumber("queued_tasks").longValue() >= 0, details::toString);
        assertTrue(details.containsKey("outstanding_tasks"));
        OptionalLong connector = STACK.childPid("connector");
        assertTrue(connector.isPresent());

        long t0 = System.nanoTime();
        assertEquals(200, api.post("/v3/endpoints/" + STACK.endpointId() + "/lock", JsonObject.EMPTY_JSON_OBJECT).status());

        Poll.until(DEADLINE, POLL, () -> ProcessHandle.of(connector.getAsLong()).map(p -> !p.isAlive()).orElse(true),
                () -> "the connector " + connector.getAsLong() + " still runs");
        Poll.until(Duration.ofSeconds(3), POLL, () -> "offline".equals(
                api.get("/v2/endpoints/" + STACK.endpointId() + "/status").object().getString("status")),
                () -> "the endpoint still shows online after its connector's last heartbeat");
        System.out.printf("[ReliabilityIT] lock to connector gone and endpoint offline: %.2f s%n",
                (System.nanoTime() - t0) / 1e9);
    }

    private JsonObject cancel(String id) {
        ApiResponse r = api.post("/v2/tasks/" + id + "/cancel", JsonObject.EMPTY_JSON_OBJECT);
        assertEquals(200, r.status(), r::toString);
        return r.object();
    }

    private String submitWith(String function, String payload, JsonObject fields) {
        ApiResponse r = post(function, payload, fields);
        assertEquals(200, r.status(), r::toString);
        return r.object().getJsonObject("tasks").getJsonArray(function).getString(0);
    }

    private ApiResponse post(String function, String payload, JsonObject fields) {
        var body = Json.createObjectBuilder(FabricApi.submitBody(Map.of(function, List.of(payload)),
                List.of(FabricApi.JSON_RESULTS)));
        fields.forEach(body::add);
        return api.post("/v3/endpoints/" + STACK.endpointId() + "/submit", body.build());
    }
}
