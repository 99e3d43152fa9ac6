package org.funcfabric.systemtest;

import static org.funcfabric.systemtest.support.Buffers.args;
import static org.funcfabric.systemtest.support.Buffers.decodeResult;
import static org.funcfabric.systemtest.support.Buffers.kwargs;
import static org.funcfabric.systemtest.support.Buffers.pythonFunction;
import static org.funcfabric.systemtest.support.Buffers.shellFunction;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.funcfabric.systemtest.support.ApiResponse;
import org.funcfabric.systemtest.support.ErrorEnvelope;
import org.funcfabric.systemtest.support.FabricApi;
import org.funcfabric.systemtest.support.FabricApi.Submitted;
import org.funcfabric.systemtest.support.FabricStack;
import org.funcfabric.systemtest.support.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * One task's whole path on the real stack: REST → database and queue in one transaction → connector's
 * worker → result queue → database → client, for shell and Python functions, checked value by value.
 */
class TaskPathIT {
    @RegisterExtension
    static final FabricStack STACK = FabricStack.withSlots(2);

    private static final Duration TASK_DEADLINE = Duration.ofSeconds(60);
    private static final Duration BATCH_DEADLINE = Duration.ofSeconds(240);
    /** The hops of API.md's task_transitions in the order a task passes them; result-sent may be absent. */
    private static final List<String> HOPS = List.of("received", "dispatched", "delivered", "execution-start",
            "execution-end", "result-sent", "completed");
    private static final List<String> REQUIRED_HOPS = List.of("received", "dispatched", "delivered",
            "execution-start", "execution-end", "completed");

    private final FabricApi api = STACK.api();

    @Test
    void batchOf200TasksAcrossShellAndPythonGivesEveryResult() {
        String echo = api.registerFunction("echo", shellFunction("echo {x}", 30));
        String square = api.registerFunction("square", pythonFunction("square", "def square(x):\n    return x * x\n"));
        int perFunction = 100;
        List<String> words = new ArrayList<>();
        List<String> shellPayloads = new ArrayList<>();
        List<String> pythonPayloads = new ArrayList<>();
        for (int i = 0; i < perFunction; i++) {
            // A space and a quote: the template's values must reach the shell quoted.
            String word = "v" + i + " it's";
            words.add(word);
            shellPayloads.add(kwargs(Map.of("x", word)));
            pythonPayloads.add(args(i));
        }
        Map<String, List<String>> batch = new LinkedHashMap<>();
        batch.put(echo, shellPayloads);
        batch.put(square, pythonPayloads);

        long t0 = System.nanoTime();
        Submitted submitted = api.submit(STACK.endpointId(), batch, List.of(FabricApi.JSON_RESULTS));
        List<String> ids = submitted.allTaskIds();
        assertEquals(perFunction, submitted.tasks().get(echo).size(), "task ids for the shell function");
        assertEquals(perFunction, submitted.tasks().get(square).size(), "task ids for the Python function");
        assertEquals(2 * perFunction, new HashSet<>(ids).size(), "distinct task ids");
        assertEquals(STACK.endpointId(), submitted.endpointId());
        Map<String, JsonObject> docs = api.awaitTerminal(ids, BATCH_DEADLINE);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("[TaskPathIT] %d tasks in %.1f s (%.0f tasks/s), submit to last result%n",
                ids.size(), seconds, ids.size() / seconds);

        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < perFunction; i++) {
            String id = submitted.tasks().get(echo).get(i);
            JsonObject doc = docs.get(id);
            if (!"success".equals(doc.getString("status"))) {
                wrong.add("shell task " + i + " " + doc);
                continue;
            }
            JsonObject result = decodeResult(doc.getString("result")).asJsonObject();
            if (result.getInt("returncode") != 0 || !result.getString("stdout").equals(words.get(i) + "\n")) {
                wrong.add("shell task " + i + " (x=" + words.get(i) + ") gave " + result);
            }
        }
        for (int i = 0; i < perFunction; i++) {
            String id = submitted.tasks().get(square).get(i);
            JsonObject doc = docs.get(id);
            if (!"success".equals(doc.getString("status"))) {
                wrong.add("Python task " + i + " " + doc);
                continue;
            }
            JsonValue result = decodeResult(doc.getString("result"));
            if (!(result instanceof JsonNumber n) || n.longValueExact() != (long) i * i) {
                wrong.add("Python task " + i + " gave " + result + ", expected " + i * i);
            }
        }
        for (String id : ids) {
            JsonObject doc = docs.get(id);
            if (!id.equals(doc.getString("task_id"))) {
                wrong.add("task " + id + " answered as task_id " + doc.getString("task_id"));
            }
            String group = doc.getJsonObject("details").getString("task_group_id", null);
            if (!submitted.taskGroupId().equals(group)) {
                wrong.add("task " + id + " in task group " + group + ", not the batch's " + submitted.taskGroupId());
            }
            transitionProblem(doc).ifPresent(p -> wrong.add("task " + id + ": " + p));
        }
        assertTrue(wrong.isEmpty(), () -> wrong.size() + " problems, first ones:\n  "
                + String.join("\n  ", wrong.subList(0, Math.min(5, wrong.size()))));
    }

    @Test
    void hostileValuesAsWordsAndInsideQuotesArePrintedLiterally() {
        String print = api.registerFunction("print", shellFunction("printf '%s|' {x} \"{x}\" '{x}'", 30));
        List<String> values = List.of("$(echo INJ)", "`echo INJ`", "'; echo INJ; '", "\"; echo INJ; \"", "\\",
                "a\nb", "$HOME", "*", "-n", "", "\u00fcn\u00efc\u00f6de \uD83D\uDE00");
        Submitted submitted = api.submit(STACK.endpointId(),
                Map.of(print, values.stream().map(v -> kwargs(Map.of("x", v))).toList()), List.of(FabricApi.JSON_RESULTS));
        Map<String, JsonObject> docs = api.awaitTerminal(submitted.allTaskIds(), TASK_DEADLINE);
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            JsonObject doc = docs.get(submitted.tasks().get(print).get(i));
            assertEquals("success", doc.getString("status"), doc::toString);
            JsonObject result = decodeResult(doc.getString("result")).asJsonObject();
            assertEquals(value + "|" + value + "|" + value + "|", result.getString("stdout"), result::toString);
        }
    }

    @Test
    void aLongPollIsAnsweredWhenTheTaskEnds() {
        String nap = api.registerFunction("nap", shellFunction("sleep 1; echo {0}", 30));
        String id = api.submitOne(STACK.endpointId(), nap, args("awake"));

        ApiResponse waited = api.get("/v2/tasks/" + id + "?wait=50");
        assertEquals(200, waited.status(), waited::toString);
        assertEquals("success", waited.object().getString("status"), "answered once the task ended: " + waited);
        assertTrue(waited.object().getString("result").contains("awake"), waited::toString);
    }

    @Test
    void aLongPollOfATaskThatDoesNotEndAnswersAtItsDeadlineAndBadWaitsAreRefused() {
        String nap = api.registerFunction("nap", shellFunction("sleep 20", 30));
        String id = api.submitOne(STACK.endpointId(), nap, args());

        ApiResponse waited = api.get("/v2/tasks/" + id + "?wait=0.5");
        assertEquals(200, waited.status(), waited::toString);
        assertFalse(FabricApi.TERMINAL.contains(waited.object().getString("status")), waited::toString);
        for (String bad : List.of("abc", "-1", "61", "NaN", "")) {
            ErrorEnvelope.assertError(api.get("/v2/tasks/" + id + "?wait=" + bad), 400, "REQUEST_MALFORMED");
        }
        ErrorEnvelope.assertError(api.get("/v2/tasks/" + UUID.randomUUID() + "?wait=5"), 404, "TASK_NOT_FOUND");
        api.post("/v2/tasks/" + id + "/cancel", Json.createObjectBuilder().build());
    }

    @Test
    void raisingPythonFunctionFailsWithItsTraceback() {
        String boom = api.registerFunction("boom", pythonFunction("boom", "def boom(x):\n    return x / 0\n"));
        JsonObject doc = api.awaitTerminal(api.submitOne(STACK.endpointId(), boom, args(1)), TASK_DEADLINE);

        assertEquals("failed", doc.getString("status"), doc::toString);
        String exception = doc.getString("exception", "");
        assertTrue(exception.contains("Traceback") && exception.contains("ZeroDivisionError")
                && exception.contains("x / 0"), () -> "exception should be the remote traceback: " + exception);
    }

    @Test
    void shellWalltimeExpiryGivesReturnCode124() {
        String slow = api.registerFunction("slow", shellFunction("sleep 30", 1));
        long t0 = System.nanoTime();
        JsonObject doc = api.awaitTerminal(api.submitOne(STACK.endpointId(), slow, args()), TASK_DEADLINE);

        assertEquals("success", doc.getString("status"), doc::toString);
        JsonObject result = decodeResult(doc.getString("result")).asJsonObject();
        assertEquals(124, result.getInt("returncode"), result::toString);
        assertTrue((System.nanoTime() - t0) / 1e9 < 25, "the walltime, not the 30 s sleep, ended the task");
    }

    @Test
    void pythonResultIsDillByDefault() {
        String square = api.registerFunction("square", pythonFunction("square", "def square(x):\n    return x * x\n"));
        JsonObject doc = api.awaitTerminal(api.submitOne(STACK.endpointId(), square, args(7)), TASK_DEADLINE);

        assertEquals("success", doc.getString("status"), doc::toString);
        assertTrue(doc.getString("result").startsWith("00\n"), () -> "dill result expected: " + doc);
        assertEquals(Json.createValue(49), decodeResult(doc.getString("result")));
    }

    @Test
    void localEndpointIsListedAndOnline() {
        ApiResponse list = api.get("/v2/endpoints?role=owner");
        assertEquals(200, list.status(), list::toString);
        assertTrue(list.json().asJsonArray().stream()
                .anyMatch(e -> STACK.endpointId().equals(e.asJsonObject().getString("uuid", null))),
                () -> "endpoint " + STACK.endpointId() + " not listed: " + list);

        String path = "/v2/endpoints/" + STACK.endpointId() + "/status";
        JsonObject[] last = new JsonObject[1];
        Poll.until(Duration.ofSeconds(60), Duration.ofMillis(500), () -> {
            ApiResponse r = api.get(path);
            assertEquals(200, r.status(), r::toString);
            last[0] = r.object();
            return "online".equals(last[0].getString("status", null));
        }, () -> "endpoint status " + last[0]);
        assertTrue(last[0].getJsonObject("details").getInt("total_workers") >= 1, last[0]::toString);
    }

    @Test
    void finishedTaskReadsTheSameEveryTime() {
        String echo = api.registerFunction("echo", shellFunction("echo {0}", 10));
        String id = api.submitOne(STACK.endpointId(), echo, args("once"));
        JsonObject viaBatch = api.awaitTerminal(id, TASK_DEADLINE);

        JsonObject first = api.task(id);
        JsonObject second = api.task(id);
        assertEquals("success", first.getString("status"), first::toString);
        assertEquals(first, second, "GET /v2/tasks/{id} twice");
        assertEquals(first, viaBatch, "GET /v2/tasks/{id} and its entry in batch_status");
        assertEquals(first, api.batchStatus(List.of(id)).getJsonObject(id), "batch_status again");
    }

    @Test
    void unknownTaskIdInBatchStatusIsReportedNotFatal() {
        String unknown = UUID.randomUUID().toString();
        JsonObject entry = api.batchStatus(List.of(unknown)).getJsonObject(unknown);

        assertEquals("Failed", entry.getString("status", null), () -> "entry " + entry);
        assertEquals("unknown task id", entry.getString("reason", null), () -> "entry " + entry);
    }

    /** Every required hop present, and the hops in their documented order never go back in time. */
    private static Optional<String> transitionProblem(JsonObject doc) {
        JsonObject t = doc.getJsonObject("details").getJsonObject("task_transitions");
        if (t == null) {
            return Optional.of("no details.task_transitions");
        }
        List<String> missing = REQUIRED_HOPS.stream().filter(h -> !(t.get(h) instanceof JsonNumber)).toList();
        if (!missing.isEmpty()) {
            return Optional.of("task_transitions lacks " + missing + ": " + t);
        }
        BigDecimal previous = null;
        String previousHop = null;
        for (String hop : HOPS) {
            if (t.get(hop) instanceof JsonNumber n) {
                BigDecimal at = n.bigDecimalValue();
                if (previous != null && at.compareTo(previous) < 0) {
                    return Optional.of(hop + " (" + at + ") before " + previousHop + " (" + previous + "): " + t);
                }
                previous = at;
                previousHop = hop;
            }
        }
        return Optional.empty();
    }
}
