package org.funcfabric.systemtest;

import static org.funcfabric.systemtest.support.Buffers.args;
import static org.funcfabric.systemtest.support.Buffers.decodeResult;
import static org.funcfabric.systemtest.support.Buffers.pythonFunction;
import static org.funcfabric.systemtest.support.Buffers.shellFunction;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.funcfabric.systemtest.support.ApiResponse;
import org.funcfabric.systemtest.support.EventStream;
import org.funcfabric.systemtest.support.EventStream.Event;
import org.funcfabric.systemtest.support.FabricApi;
import org.funcfabric.systemtest.support.FabricStack;
import org.funcfabric.systemtest.support.Poll;
import org.funcfabric.systemtest.support.TcpRelay;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Faults injected into a running stack while it works through a batch: for each fault, 2,000 tasks
 * (shell and Python, a tenth sleeping 50 ms) are submitted, the fault is injected once a share of them
 * has completed, and every task must then end exactly once, in {@code success}, with its own result.
 * "Exactly once" is read from the task group's event stream, where each task that ends gets the next
 * number: 2,000 tasks must give events 1..2000, each task once. Restarts of broker, service and
 * connector are the launcher's own supervision; the worker is replaced by its connector; the network
 * cut is a relay between the endpoint (connector and workers) and the broker.
 *
 * <p>Prints a table (fault, tasks, succeeded, failed, lost, duplicated, recovery times) and writes it
 * to {@code target/fault-injection.md}. One stack serves all five faults, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultInjectionIT {
    private static final TcpRelay RELAY = new TcpRelay(() -> FaultInjectionIT.STACK.brokerPort());

    @RegisterExtension
    static final FabricStack STACK = FabricStack.withSlots(4)
            .withEnvironment("FABRIC_LOCAL_WORKERS", "2")
            .withEnvironment("FABRIC_LOCAL_BROKER_URL", "tcp://127.0.0.1:" + RELAY.port());

    private static final int TASKS = 2000;
    private static final int DONE_BEFORE_FAULT = 300;
    private static final int MAX_RETRIES = 3;
    private static final Duration OUTAGE = Duration.ofSeconds(10);
    private static final Duration HEALTHY_DEADLINE = Duration.ofSeconds(180);
    private static final Duration BACK_DEADLINE = Duration.ofSeconds(180);
    private static final Duration RUN_DEADLINE = Duration.ofSeconds(240);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final int STATUS_CHUNK = 500;
    private static final String NAP = "def nap(x):\n    import time\n    time.sleep(0.05)\n    return x + 1\n";
    private static final List<Row> ROWS = new CopyOnWriteArrayList<>();

    private static String echo;
    private static String square;
    private static String nap;

    private final FabricApi api = STACK.api();

    @BeforeAll
    static void registerFunctions() {
        FabricApi api = STACK.api();
        echo = api.registerFunction("fi-echo", shellFunction("echo {0}", 30));
        square = api.registerFunction("fi-square", pythonFunction("square", "def square(x):\n    return x * x\n"));
        nap = api.registerFunction("fi-nap", pythonFunction("nap", NAP));
    }

    @AfterAll
    static void report() throws IOException {
        RELAY.close();
        String table = Row.table(ROWS);
        System.out.println("[FaultInjectionIT] results\n" + table);
        Path out = Path.of("target", "fault-injection.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, "# Fault injection\n\n" + table);
    }

    @Test
    @Order(1)
    void sigkillAWorker() {
        run("SIGKILL a worker", () -> {
            long pid = STACK.workerPid(1).orElseThrow(() -> new AssertionError("no worker-1.pid"));
            kill(pid);
            return () -> {
                OptionalLong now = STACK.workerPid(1);
                return now.isPresent() && now.getAsLong() != pid && alive(now.getAsLong());
            };
        });
    }

    @Test
    @Order(2)
    void sigkillTheConnector() {
        run("SIGKILL the connector", () -> killChild("connector"));
    }

    @Test
    @Order(3)
    void sigkillTheService() {
        run("SIGKILL the service", () -> killChild("service"));
    }

    @Test
    @Order(4)
    void sigkillTheBroker() {
        run("SIGKILL the broker", () -> killChild("broker"));
    }

    @Test
    @Order(5)
    void cutTheEndpointsBrokerConnectionFor10s() {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            run("cut endpoint-broker TCP for 10 s", () -> {
                RELAY.cut();
                var restored = timer.schedule(RELAY::restore, OUTAGE.toMillis(), TimeUnit.MILLISECONDS);
                return restored::isDone;
            });
        } finally {
            timer.shutdownNow();
            RELAY.restore();
        }
    }

    // --- one fault ----------------------------------------------------------------------------

    /** Injects a fault and returns the condition that tells it has been repaired. */
    @FunctionalInterface
    private interface Fault {
        BooleanSupplier inject();
    }

    /** What a task must give: stdout of the shell function, or the Python function's number. */
    private record Expected(int index, String kind, Object value) {
    }

    private void run(String faultName, Fault fault) {
        awaitHealthy();
        Map<String, Expected> expected = new LinkedHashMap<>();
        String group = submit(expected);
        Row row;
        try (GroupEvents events = new GroupEvents(group)) {
            assertTrue(Poll.within(RUN_DEADLINE, POLL, () -> events.distinctTasks() >= DONE_BEFORE_FAULT),
                    () -> "only " + events.distinctTasks() + " tasks ended before the fault");
            int doneBefore = events.distinctTasks();
            Instant injectedAt = Instant.now();
            BooleanSupplier repaired = fault.inject();
            Optional<Duration> back = Poll.within(BACK_DEADLINE, POLL, repaired)
                    ? Optional.of(Duration.between(injectedAt, Instant.now())) : Optional.empty();
            Poll.within(RUN_DEADLINE, Duration.ofMillis(250), () -> events.distinctTasks() >= TASKS);
            row = Row.of(faultName, expected, statusOf(List.copyOf(expected.keySet())), events.snapshot(), injectedAt,
                    doneBefore, back);
        }
        ROWS.add(row);
        System.out.println("[FaultInjectionIT] " + row.line());
        assertTrue(row.back().isPresent(), faultName + ": not repaired within " + BACK_DEADLINE.toSeconds() + " s");
        assertEquals(List.of(), row.problems(), faultName + ": tasks that did not end exactly once with their result");
    }

    /** Every task's document as {@code POST /v2/batch_status} has it now. */
    private Map<String, JsonObject> statusOf(List<String> ids) {
        Map<String, JsonObject> docs = new HashMap<>();
        for (int i = 0; i < ids.size(); i += STATUS_CHUNK) {
            api.batchStatus(ids.subList(i, Math.min(ids.size(), i + STATUS_CHUNK)))
                    .forEach((id, doc) -> docs.put(id, doc.asJsonObject()));
        }
        return docs;
    }

    private void awaitHealthy() {
        Poll.until(HEALTHY_DEADLINE, Duration.ofMillis(250), () -> {
            try {
                return api.anonymous().get("/health/ready").status() == 200;
            } catch (UncheckedIOException e) {
                return false;
            }
        }, () -> "/health/ready before the next fault");
    }

    /** Submits the batch in one request, with retries, and fills {@code expected} by task id. */
    private String submit(Map<String, Expected> expected) {
        Map<String, List<String>> payloads = new LinkedHashMap<>();
        Map<String, List<Expected>> wanted = new LinkedHashMap<>();
        for (String fn : List.of(echo, square, nap)) {
            payloads.put(fn, new ArrayList<>());
            wanted.put(fn, new ArrayList<>());
        }
        for (int i = 0; i < TASKS; i++) {
            if (i % 10 == 0) {
                payloads.get(nap).add(args(i));
                wanted.get(nap).add(new Expected(i, "nap", (long) i + 1));
            } else if (i % 2 == 0) {
                payloads.get(echo).add(args("t" + i));
                wanted.get(echo).add(new Expected(i, "shell", "t" + i + "\n"));
            } else {
                payloads.get(square).add(args(i));
                wanted.get(square).add(new Expected(i, "square", (long) i * i));
            }
        }
        JsonObject body = Json.createObjectBuilder(FabricApi.submitBody(payloads, List.of(FabricApi.JSON_RESULTS)))
                .add("max_retries", MAX_RETRIES)
                .build();
        ApiResponse r = api.post("/v3/endpoints/" + STACK.endpointId() + "/submit", body);
        assertEquals(200, r.status(), () -> "submit with max_retries: " + r);
        JsonObject tasks = r.object().getJsonObject("tasks");
        wanted.forEach((fn, list) -> {
            List<String> ids = tasks.getJsonArray(fn).getValuesAs(JsonString::getString);
            assertEquals(list.size(), ids.size(), "task ids for " + fn);
            for (int i = 0; i < ids.size(); i++) {
                expected.put(ids.get(i), list.get(i));
            }
        });
        return r.object().getString("task_group_id");
    }

    private static BooleanSupplier killChild(String name) {
        long pid = STACK.childPid(name).orElseThrow(() -> new AssertionError("no " + name + " in children.pids"));
        int backBefore = backLines(name);
        kill(pid);
        return () -> backLines(name) > backBefore;
    }

    private static final Map<String, Pattern> BACK = new HashMap<>();

    /** How many times the launcher has said {@code name} is back after a restart. */
    private static int backLines(String name) {
        Pattern back = BACK.computeIfAbsent(name, n -> Pattern.compile("\\] " + n + " is back \\(pid \\d+\\)"));
        return (int) STACK.launcherOutput().lines().filter(l -> back.matcher(l).find()).count();
    }

    private static void kill(long pid) {
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("pid " + pid + " is not running"));
        assertTrue(process.destroyForcibly(), "SIGKILL to " + pid);
        Poll.until(Duration.ofSeconds(30), POLL, () -> !process.isAlive(), () -> "pid " + pid + " survived SIGKILL");
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    // --- the task group's events, across service restarts --------------------------------------

    /**
     * Reads {@code GET /v2/taskgroup/{id}/events} on a thread of its own, reconnecting with
     * {@code Last-Event-ID} whenever the stream breaks (the service was killed), so that every event
     * the service sends is seen once, as a client that keeps its place sees it.
     */
    private static final class GroupEvents implements AutoCloseable {
        private static final Duration REOPEN_DEADLINE = Duration.ofSeconds(240);
        private final String path;
        private final List<Event> received = new ArrayList<>();
        private final Map<String, Integer> perTask = new HashMap<>();
        private final Thread reader;
        private volatile boolean closed;

        GroupEvents(String group) {
            this.path = "/v2/taskgroup/" + group + "/events";
            this.reader = new Thread(this::read, "fault-injection-events");
            reader.setDaemon(true);
            reader.start();
        }

        synchronized int distinctTasks() {
            return perTask.size();
        }

        synchronized List<Event> snapshot() {
            return List.copyOf(received);
        }

        private void read() {
            while (!closed) {
                EventStream stream = reopen();
                if (stream == null) {
                    return;
                }
                try (stream) {
                    while (!closed) {
                        Optional<Event> e = stream.poll(Duration.ofMillis(250));
                        e.ifPresent(this::record);
                        if (e.isEmpty() && stream.hasEnded()) {
                            break;
                        }
                    }
                }
            }
        }

        private EventStream reopen() {
            EventStream[] opened = new EventStream[1];
            Poll.within(REOPEN_DEADLINE, Duration.ofMillis(250), () -> {
                if (closed) {
                    return true;
                }
                try {
                    Map<String, String> resume = lastId().map(id -> Map.of("Last-Event-ID", id)).orElse(Map.of());
                    EventStream.Opened o = EventStream.open(STACK.baseUrl(), STACK.token(), path, resume);
                    opened[0] = o.isStream() ? o.stream() : null;
                    return opened[0] != null;
                } catch (RuntimeException | AssertionError e) {
                    return false;
                }
            });
            return opened[0];
        }

        private synchronized Optional<String> lastId() {
            return received.isEmpty() ? Optional.empty() : Optional.of(received.get(received.size() - 1).id());
        }

        private synchronized void record(Event e) {
            received.add(e);
            perTask.merge(parse(e.data()).getString("task_id"), 1, Integer::sum);
        }

        @Override
        public void close() {
            closed = true;
            try {
                reader.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static JsonObject parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    // --- one line of the table -----------------------------------------------------------------

    /**
     * The outcome of one fault.
     *
     * @param failed         reason → count, for tasks that ended failed or with a wrong result
     * @param firstResult    from the fault to the first task completed after it
     * @param back           from the fault to the process being back (or the link restored)
     * @param problems       every task that did not end exactly once with its result, one line each
     */
    private record Row(String fault, int tasks, int doneBefore, int succeeded, Map<String, Integer> failed, int lost,
                       int duplicated, Optional<Duration> firstResult, Optional<Duration> back, List<String> problems) {

        static Row of(String fault, Map<String, Expected> expected, Map<String, JsonObject> docs, List<Event> events,
                      Instant injectedAt, int doneBefore, Optional<Duration> back) {
            List<String> problems = new ArrayList<>();
            Map<String, Integer> seen = new HashMap<>();
            List<Long> numbers = new ArrayList<>();
            for (Event e : events) {
                seen.merge(parse(e.data()).getString("task_id"), 1, Integer::sum);
                numbers.add(Long.parseLong(e.id()));
            }
            int duplicated = (int) seen.values().stream().filter(n -> n > 1).count();
            seen.forEach((id, n) -> {
                if (n > 1) {
                    problems.add("task " + id + " ended " + n + " times in the event stream");
                }
            });
            List<Long> sorted = numbers.stream().sorted().toList();
            for (int i = 0; i < sorted.size(); i++) {
                if (sorted.get(i) != i + 1) {
                    problems.add("event numbers are not 1.." + sorted.size() + " each once: at " + (i + 1) + " found "
                            + sorted.get(i));
                    break;
                }
            }
            int succeeded = 0;
            int lost = 0;
            Map<String, Integer> failed = new TreeMap<>();
            double firstCompleted = Double.MAX_VALUE;
            double injected = injectedAt.toEpochMilli() / 1000.0;
            for (Map.Entry<String, Expected> task : expected.entrySet()) {
                JsonObject doc = docs.get(task.getKey());
                Expected want = task.getValue();
                String status = doc == null ? "unknown" : doc.getString("status", "unknown");
                if (!FabricApi.TERMINAL.contains(status)) {
                    lost++;
                    problems.add(want.kind() + " task " + want.index() + " never ended (" + status + ")");
                    continue;
                }
                double completed = completedAt(doc).orElse(Double.MAX_VALUE);
                if (completed > injected) {
                    firstCompleted = Math.min(firstCompleted, completed);
                }
                if (!seen.containsKey(task.getKey())) {
                    problems.add(want.kind() + " task " + want.index() + " ended " + status + " but never in the event stream");
                }
                String reason = problem(doc, want);
                if (reason == null) {
                    succeeded++;
                } else {
                    failed.merge(reason, 1, Integer::sum);
                    problems.add(want.kind() + " task " + want.index() + ": " + reason);
                }
            }
            Optional<Duration> firstResult = firstCompleted == Double.MAX_VALUE ? Optional.empty()
                    : Optional.of(Duration.ofMillis(Math.round((firstCompleted - injected) * 1000)));
            return new Row(fault, expected.size(), doneBefore, succeeded, failed, lost, duplicated, firstResult, back,
                    problems.size() > 20 ? List.copyOf(problems.subList(0, 20)) : List.copyOf(problems));
        }

        /** Null when the task gave its expected result; otherwise the reason, short enough to count by. */
        private static String problem(JsonObject doc, Expected want) {
            if (!"success".equals(doc.getString("status"))) {
                String exception = doc.getString("exception", doc.getString("status"));
                return doc.getString("status") + ": " + exception.lines().filter(l -> !l.isBlank())
                        .reduce((a, b) -> b).orElse("?").strip();
            }
            JsonValue result = decodeResult(doc.getString("result"));
            boolean right = switch (want.kind()) {
                case "shell" -> result instanceof JsonObject o && o.getInt("returncode", -1) == 0
                        && want.value().equals(o.getString("stdout", null));
                default -> result instanceof JsonNumber n && n.longValueExact() == (Long) want.value();
            };
            return right ? null : "wrong result";
        }

        private static Optional<Double> completedAt(JsonObject doc) {
            JsonObject details = doc.getJsonObject("details");
            JsonObject transitions = details == null ? null : details.getJsonObject("task_transitions");
            JsonValue completed = transitions == null ? null : transitions.get("completed");
            return completed instanceof JsonNumber n ? Optional.of(n.bigDecimalValue().doubleValue()) : Optional.empty();
        }

        String line() {
            return fault + ": " + succeeded + "/" + tasks + " succeeded (" + doneBefore + " before the fault), failed "
                    + failedText() + ", lost " + lost + ", duplicated " + duplicated + ", first result "
                    + seconds(firstResult) + " and back " + seconds(back) + " after the fault"
                    + (problems.isEmpty() ? "" : "; e.g. " + problems.get(0));
        }

        private String failedText() {
            int total = failed.values().stream().mapToInt(Integer::intValue).sum();
            return total == 0 ? "0" : total + " (" + failed.entrySet().stream()
                    .map(e -> e.getValue() + "× " + e.getKey()).collect(Collectors.joining("; ")) + ")";
        }

        private static String seconds(Optional<Duration> d) {
            return d.map(x -> String.format("%.1f s", x.toMillis() / 1000.0)).orElse("never");
        }

        static String table(List<Row> rows) {
            StringBuilder out = new StringBuilder(
                    "| fault | tasks | succeeded | failed (reason) | lost | duplicated | first result after fault | process back after fault |\n"
                    + "|---|---|---|---|---|---|---|---|\n");
            for (Row r : rows) {
                out.append("| ").append(r.fault).append(" | ").append(r.tasks).append(" | ").append(r.succeeded)
                        .append(" | ").append(r.failedText().replace("|", "/")).append(" | ").append(r.lost)
                        .append(" | ").append(r.duplicated).append(" | ").append(seconds(r.firstResult))
                        .append(" | ").append(seconds(r.back)).append(" |\n");
            }
            return out.toString();
        }
    }
}
