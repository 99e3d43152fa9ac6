package org.funcfabric.systemtest;

import static org.funcfabric.systemtest.support.Buffers.args;
import static org.funcfabric.systemtest.support.Buffers.decodeResult;
import static org.funcfabric.systemtest.support.Buffers.pythonFunction;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.funcfabric.systemtest.support.FabricApi;
import org.funcfabric.systemtest.support.FabricApi.Submitted;
import org.funcfabric.systemtest.support.FabricStack;
import org.funcfabric.systemtest.support.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * A worker process killed with SIGKILL mid-batch loses no task: the broker redelivers what it had
 * taken but not acknowledged, the connector starts a new worker, and every task still ends with its
 * correct result.
 */
class WorkerCrashIT {
    @RegisterExtension
    static final FabricStack STACK = FabricStack.withSlots(2);

    private static final int TASKS = 200;
    private static final int DONE_BEFORE_KILL = 20;
    private static final String SLOW_SQUARE = """
            def slow_square(x):
                import time
                time.sleep(0.2)
                return x * x
            """;

    private final FabricApi api = STACK.api();

    @Test
    void killedWorkerIsReplacedAndEveryTaskStillSucceeds() throws Exception {
        String fn = api.registerFunction("slow_square", pythonFunction("slow_square", SLOW_SQUARE));
        List<String> payloads = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            payloads.add(args(i));
        }
        // the tasks running on the killed worker are run again: that takes a retry budget
        Submitted submitted = api.submit(STACK.endpointId(), Map.of(fn, payloads), List.of(FabricApi.JSON_RESULTS), 1);
        List<String> ids = submitted.tasks().get(fn);
        assertEquals(TASKS, ids.size());

        long oldPid = STACK.workerPid(1).orElseThrow(() -> new AssertionError("no worker-1.pid in " + STACK.endpointDir()));
        ProcessHandle worker = ProcessHandle.of(oldPid)
                .orElseThrow(() -> new AssertionError("worker pid " + oldPid + " is not running"));
        int[] done = new int[1];
        Poll.until(Duration.ofSeconds(120), Duration.ofMillis(100), () -> {
            done[0] = successes(api.batchStatus(ids));
            return done[0] >= DONE_BEFORE_KILL;
        }, () -> done[0] + " tasks done, waiting for " + DONE_BEFORE_KILL);
        assertTrue(done[0] < TASKS, "the batch must still be running when the worker is killed");
        List<ProcessHandle> interpreters = worker.descendants().toList();

        Instant killedAt = Instant.now();
        assertTrue(worker.destroyForcibly(), "SIGKILL to worker " + oldPid);
        worker.onExit().get(30, TimeUnit.SECONDS);
        long[] newPid = new long[1];
        Poll.until(Duration.ofSeconds(60), Duration.ofMillis(50), () -> {
            OptionalLong pid = STACK.workerPid(1);
            newPid[0] = pid.orElse(-1);
            return pid.isPresent() && pid.getAsLong() != oldPid
                    && ProcessHandle.of(pid.getAsLong()).map(ProcessHandle::isAlive).orElse(false);
        }, () -> "worker-1.pid still says " + newPid[0] + " (killed: " + oldPid + ")");
        double restartSeconds = Duration.between(killedAt, Instant.now()).toMillis() / 1000.0;

        Map<String, JsonObject> docs = api.awaitTerminal(ids, Duration.ofSeconds(180));
        double allDoneSeconds = Duration.between(killedAt, Instant.now()).toMillis() / 1000.0;
        Map<String, Integer> byWorker = new TreeMap<>();
        docs.values().forEach(d -> byWorker.merge(d.getJsonObject("details").getString("worker_id", "?"), 1, Integer::sum));
        System.out.printf("[WorkerCrashIT] killed worker pid %d after %d of %d tasks; new worker pid %d running %.1f s"
                        + " after the kill; all %d tasks terminal %.1f s after the kill; tasks per worker %s%n",
                oldPid, done[0], TASKS, newPid[0], restartSeconds, TASKS, allDoneSeconds, byWorker);

        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            JsonObject doc = docs.get(ids.get(i));
            if (!"success".equals(doc.getString("status"))) {
                wrong.add("task " + i + ": " + doc);
                continue;
            }
            JsonValue result = decodeResult(doc.getString("result"));
            if (!(result instanceof JsonNumber n) || n.longValueExact() != (long) i * i) {
                wrong.add("task " + i + " gave " + result + ", expected " + i * i);
            }
        }
        assertTrue(wrong.isEmpty(), () -> wrong.size() + " of " + TASKS + " tasks wrong, first ones:\n  "
                + String.join("\n  ", wrong.subList(0, Math.min(5, wrong.size()))));
        assertTrue(byWorker.size() >= 2, () -> "the new worker should have run the rest: " + byWorker);
        Poll.until(Duration.ofSeconds(30), Duration.ofMillis(200),
                () -> interpreters.stream().noneMatch(ProcessHandle::isAlive),
                () -> "the killed worker's Python interpreters still run: "
                        + interpreters.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList());
    }

    private static int successes(JsonObject results) {
        return (int) results.values().stream()
                .filter(v -> v.getValueType() == JsonValue.ValueType.OBJECT)
                .filter(v -> "success".equals(v.asJsonObject().getString("status", "")))
                .count();
    }
}
