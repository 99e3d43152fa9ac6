package org.funcfabric.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.funcfabric.protocol.AllowedFunctions;
import org.funcfabric.protocol.CommandMessage;
import org.funcfabric.protocol.Destinations;
import org.funcfabric.protocol.JavaTaskPayload;
import org.funcfabric.protocol.ProtocolJson;
import org.funcfabric.protocol.ResultBatch;
import org.funcfabric.protocol.ResultMessage;
import org.funcfabric.protocol.SerializedBuffers;
import org.funcfabric.protocol.TaskMessage;
import org.funcfabric.worker.python.PythonRuntime;
import org.funcfabric.worker.testsupport.Buffers;
import org.funcfabric.worker.testsupport.EmbeddedBroker;
import org.funcfabric.worker.testsupport.Jars;
import org.funcfabric.worker.testsupport.Wait;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Workers against a real embedded Artemis broker, with real shell commands, Python interpreters and Java functions. */
class WorkerIntegrationTest {
    private static final String JSON_RESULT = "globus_compute_sdk.serialize.JSONData";
    /** The workers' own broker user: an endpoint credential, which the service's messages never come from. */
    private static final String WORKER_USER = "ep.worker-test.1";

    private static EmbeddedBroker broker;
    private static PythonRuntime python;
    private static Path dir;

    private final String endpointId = UUID.randomUUID().toString();
    private Connection client;
    private Session session;
    private MessageProducer tasks;
    private MessageConsumer results;

    @BeforeAll
    static void startBroker(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        broker = EmbeddedBroker.start(dir.resolve("broker"));
        python = PythonRuntime.locate(null);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    @BeforeEach
    void connectClient() throws JMSException {
        client = broker.connectionFactory().createConnection();
        session = client.createSession(false, Session.AUTO_ACKNOWLEDGE);
        tasks = session.createProducer(session.createQueue(Destinations.taskQueue(endpointId)));
        results = session.createConsumer(session.createQueue(Destinations.RESULTS));
        client.start();
    }

    @AfterEach
    void closeClient() throws JMSException {
        client.close();
    }

    private Worker startWorker(String workerId, int slots, Duration stopGrace) throws JMSException {
        return startWorker(workerId, slots, stopGrace, AllowedFunctions.ANY);
    }

    private Worker startWorker(String workerId, int slots, Duration stopGrace, AllowedFunctions allowed)
            throws JMSException {
        Worker worker = new Worker(new WorkerConfig(broker.url(), WORKER_USER, null, endpointId, null, slots, workerId,
                stopGrace, dir.resolve("jar-cache"), Duration.ZERO, dir.resolve("spool"), allowed, null), python);
        worker.start();
        return worker;
    }

    private static TaskMessage task(String functionBuffer, String payload, List<String> serializers) {
        return task(functionBuffer, payload, serializers, 0, 0, List.of(), null);
    }

    private static TaskMessage task(String functionBuffer, String payload, List<String> serializers, int maxRetries,
                                    double backoffS, List<String> retryOn, Integer timeoutS) {
        return new TaskMessage(TaskMessage.VERSION, UUID.randomUUID().toString(), "group-1", "unused",
                UUID.randomUUID().toString(), SerializedBuffers.pack(functionBuffer), payload, serializers,
                10L * 1024 * 1024, System.currentTimeMillis(), 1, maxRetries, backoffS, retryOn, timeoutS);
    }

    /** Every result of one task, retrying ones included, until a terminal one arrives or the timeout passes. */
    private List<ResultMessage> history(String taskId, Duration timeout) throws Exception {
        List<ResultMessage> got = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline
                && (got.isEmpty() || ResultMessage.RETRYING.equals(got.get(got.size() - 1).status()))) {
            TextMessage m = (TextMessage) results.receive(200);
            if (m != null) {
                for (ResultMessage r : ResultBatch.resultsOf(m.getJMSType(), m.getText())) {
                    if (r.taskId().equals(taskId)) {
                        got.add(r);
                    }
                }
            }
        }
        return got;
    }

    private void cancel(String taskId) throws JMSException {
        CommandMessage command = new CommandMessage(CommandMessage.VERSION, CommandMessage.CANCEL, endpointId,
                List.of(taskId), System.currentTimeMillis());
        session.createProducer(session.createTopic(Destinations.commandTopic(endpointId)))
                .send(session.createTextMessage(ProtocolJson.toJson(command)));
    }

    private static String raising(String type) {
        return Buffers.pureSource("fail", "def fail():\n    raise " + type + "('attempt failed')\n");
    }

    private static String touchAndSleep(Path marker, int seconds) {
        return Buffers.jsonPayload(Json.createArrayBuilder().add(marker.toString()).add(seconds).build().toString(), "{}");
    }

    private static String touching(Path marker) {
        return Buffers.jsonPayload(Json.createArrayBuilder().add(marker.toString()).build().toString(), "{}");
    }

    private static final String SHELL_SLEEP = Buffers.shell("{\"cmd\": \"touch {0} && sleep {1}\"}");
    private static final String PYTHON_SLEEP = Buffers.pureSource("nap",
            "def nap(marker, seconds):\n    import time, pathlib\n    pathlib.Path(marker).touch()\n"
                    + "    time.sleep(seconds)\n    return seconds\n");

    private String javaSleep() throws Exception {
        return Jars.function("demo.Nap", Jars.compile(dir, "nap.jar", Map.of("demo.Nap", """
                package demo;
                public class Nap implements java.util.function.Function<java.util.List<Object>, Integer> {
                    public Integer apply(java.util.List<Object> args) {
                        try {
                            java.nio.file.Files.createFile(java.nio.file.Path.of((String) args.get(0)));
                            Thread.sleep(((Number) args.get(1)).longValue() * 1000);
                        } catch (Exception e) {
                            throw new RuntimeException(e);
                        }
                        return 0;
                    }
                }
                """)));
    }

    private void send(TaskMessage task) throws JMSException {
        TextMessage message = session.createTextMessage(ProtocolJson.toJson(task));
        message.setStringProperty("taskId", task.taskId());
        tasks.send(message);
    }

    /** Collects results of the given tasks, ignoring any other, until all arrived or the timeout passes. */
    private Map<String, ResultMessage> collect(Iterable<String> taskIds, int count, Duration timeout) throws Exception {
        Map<String, ResultMessage> got = new HashMap<>();
        List<String> wanted = new ArrayList<>();
        taskIds.forEach(wanted::add);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (got.size() < count && System.nanoTime() < deadline) {
            TextMessage m = (TextMessage) results.receive(200);
            if (m != null) {
                for (ResultMessage r : ResultBatch.resultsOf(m.getJMSType(), m.getText())) {
                    if (wanted.contains(r.taskId())) {
                        assertNull(got.put(r.taskId(), r), () -> "two results for task " + r.taskId());
                    }
                }
            }
        }
        return got;
    }

    private static JsonObject shellResult(ResultMessage r) {
        assertTrue(r.succeeded(), r::exception);
        assertTrue(r.result().startsWith("11\n"), r.result());
        try (var reader = Json.createReader(new StringReader(r.result().substring(3)))) {
            return reader.readObject();
        }
    }

    @Test
    void twentyMixedTasksComeBackWithCorrectResults() throws Exception {
        Worker worker = startWorker("worker-1", 2, Duration.ofSeconds(5));
        try {
            Map<String, Integer> input = new HashMap<>();
            Map<String, Boolean> isShell = new HashMap<>();
            for (int i = 0; i < 20; i++) {
                boolean shell = i % 2 == 0;
                TaskMessage t = shell
                        ? task(Buffers.shell("{\"cmd\": \"echo {0}\", \"walltime\": 10}"),
                        Buffers.jsonPayload("[" + i + "]", "{}"), List.of())
                        : task(Buffers.pureSource("square", "def square(x):\n    return x * x\n"),
                        Buffers.jsonPayload("[" + i + "]", "{}"), List.of(JSON_RESULT));
                input.put(t.taskId(), i);
                isShell.put(t.taskId(), shell);
                send(t);
            }
            Map<String, ResultMessage> got = collect(input.keySet(), 20, Duration.ofSeconds(30));
            assertEquals(20, got.size(), "results received");
            for (ResultMessage r : got.values()) {
                int i = input.get(r.taskId());
                assertEquals("worker-1", r.workerId());
                assertEquals(endpointId, r.endpointId());
                assertEquals(ResultMessage.VERSION, r.v());
                assertTrue(r.deliveredAt() <= r.startedAt() && r.startedAt() <= r.endedAt()
                        && r.endedAt() <= r.sentAt(), r::toString);
                if (isShell.get(r.taskId())) {
                    JsonObject shell = shellResult(r);
                    assertEquals(0, shell.getInt("returncode"));
                    assertEquals(i + "\n", shell.getString("stdout"));
                } else {
                    assertEquals(ResultMessage.SUCCESS, r.status(), r::exception);
                    assertEquals("11\n" + (i * i), r.result());
                }
            }
        } finally {
            worker.stop();
        }
    }

    @Test
    void javaTasksOneCallsAndMapsComeBackWithCorrectResults() throws Exception {
        Worker worker = startWorker("worker-j", 2, Duration.ofSeconds(5));
        try {
            String square = Jars.function("org.funcfabric.examples.Square", Jars.examples(dir));
            Map<String, Integer> single = new HashMap<>();
            Map<String, Integer> maps = new HashMap<>();
            for (int i = 0; i < 20; i++) {
                TaskMessage one = task(square, JavaTaskPayload.single(Integer.toString(i)), List.of(JSON_RESULT));
                single.put(one.taskId(), i);
                send(one);
            }
            for (int m = 0; m < 3; m++) {
                JsonArrayBuilder inputs = Json.createArrayBuilder();
                IntStream.range(m * 100, m * 100 + 100).forEach(inputs::add);
                TaskMessage map = task(square, JavaTaskPayload.map(inputs.build().toString()), List.of());
                maps.put(map.taskId(), m);
                send(map);
            }
            TaskMessage failing = task(Jars.function("org.funcfabric.examples.Fail", Jars.examples(dir)),
                    JavaTaskPayload.single("\"x\""), List.of());
            send(failing);

            List<String> ids = new ArrayList<>(single.keySet());
            ids.addAll(maps.keySet());
            ids.add(failing.taskId());
            Map<String, ResultMessage> got = collect(ids, ids.size(), Duration.ofSeconds(30));
            assertEquals(ids.size(), got.size(), "results received");
            single.forEach((id, i) -> assertEquals("11\n" + (long) i * i, got.get(id).result(), got.get(id)::exception));
            maps.forEach((id, m) -> {
                JsonArrayBuilder expected = Json.createArrayBuilder();
                IntStream.range(m * 100, m * 100 + 100).forEach(i -> expected.add((long) i * i));
                assertEquals("11\n" + expected.build(), got.get(id).result(), got.get(id)::exception);
            });
            ResultMessage failed = got.get(failing.taskId());
            assertEquals(ResultMessage.FAILED, failed.status());
            assertTrue(failed.exception().startsWith("java.lang.IllegalArgumentException: refusing 'x'"),
                    failed::exception);
        } finally {
            worker.stop();
        }
    }

    @Test
    void malformedMessagesAreFailedOrDroppedAndDoNotBlockTheQueue() throws Exception {
        Worker worker = startWorker("worker-m", 1, Duration.ofSeconds(5));
        try {
            TextMessage withId = session.createTextMessage("{\"v\": 1, \"taskId\": \"bad-1\", \"functionCode\": [1]}");
            withId.setStringProperty("taskId", "bad-1");
            tasks.send(withId);
            tasks.send(session.createTextMessage("not json at all"));
            TaskMessage good = task(Buffers.shell("{\"cmd\": \"echo ok\"}"), Buffers.jsonPayload("[]", "{}"), List.of());
            send(good);

            Map<String, ResultMessage> got = collect(List.of("bad-1", good.taskId()), 2, Duration.ofSeconds(20));
            assertEquals(ResultMessage.FAILED, got.get("bad-1").status());
            assertTrue(got.get("bad-1").exception().startsWith("DeserializationError: malformed task message"),
                    got.get("bad-1").exception());
            assertEquals("ok\n", shellResult(got.get(good.taskId())).getString("stdout"));
        } finally {
            worker.stop();
        }
    }

    @Test
    void taskOfAStoppedWorkerIsRedeliveredNotLost(@TempDir Path dir) throws Exception {
        Path started = dir.resolve("started");
        Worker first = startWorker("worker-a", 1, Duration.ofMillis(100));
        // A task given back counts as lost with its worker: it needs a retry budget to run again.
        TaskMessage slow = task(Buffers.shell("{\"cmd\": \"touch {0} && sleep 5 && echo done\"}"),
                Buffers.jsonPayload(Json.createArrayBuilder().add(started.toString()).build().toString(), "{}"),
                List.of(), 1, 0, List.of(), null);
        send(slow);
        Wait.until("the first worker to start the task", Duration.ofSeconds(15), () -> Files.exists(started));
        assertNull(results.receiveNoWait(), "a result was sent before the task finished");

        long stopStart = System.nanoTime();
        first.stop();
        assertTrue(System.nanoTime() - stopStart < Duration.ofSeconds(4).toNanos(), "stop waited for the task");
        assertFalse(first.isStarted());

        Worker second = startWorker("worker-b", 1, Duration.ofSeconds(5));
        try {
            Map<String, ResultMessage> got = collect(List.of(slow.taskId()), 1, Duration.ofSeconds(20));
            ResultMessage r = got.get(slow.taskId());
            assertEquals("worker-b", r.workerId(), "the result must come from the second worker");
            JsonObject shell = shellResult(r);
            assertEquals(0, shell.getInt("returncode"));
            assertEquals("done\n", shell.getString("stdout"));
            // Exactly once on the wire from this pair of workers: the first one sent nothing.
            assertTrue(collect(List.of(slow.taskId()), 1, Duration.ofMillis(500)).isEmpty());
        } finally {
            second.stop();
        }
    }

    @Test
    void aTaskHeldBehindALongOneGoesBackToTheQueueForAnIdleSlot(@TempDir Path tmp) throws Exception {
        Path started = tmp.resolve("started");
        Worker worker = startWorker("worker-a", 2, Duration.ofMillis(100));
        try {
            TaskMessage slow = task(PYTHON_SLEEP, touchAndSleep(started, 60), List.of());
            send(slow);
            Wait.until("the long task to start", Duration.ofSeconds(15), () -> Files.exists(started));
            // The long task's slot takes one of these into its consumer; the other slot runs the other one.
            // Both must end while the long task still runs, and neither may count as a lost delivery
            // (max_retries is 0, so a counted one would fail as WorkerLost).
            TaskMessage first = task(Buffers.pureSource("one", "def one():\n    return 1\n"), Buffers.jsonPayload("[]", "{}"),
                    List.of());
            TaskMessage second = task(Buffers.pureSource("two", "def two():\n    return 2\n"), Buffers.jsonPayload("[]", "{}"),
                    List.of());
            send(first);
            send(second);
            Map<String, ResultMessage> got = collect(List.of(first.taskId(), second.taskId(), slow.taskId()), 2,
                    Duration.ofSeconds(30));
            assertEquals(Set.of(first.taskId(), second.taskId()), got.keySet(), "results while the long task runs");
            got.values().forEach(r -> assertTrue(r.succeeded(), r::exception));
        } finally {
            worker.stop();
        }
    }

    @Test
    void errorsNamedInRetryOnAreReportedAsRetryingUntilTheLastAttemptFails() throws Exception {
        Worker worker = startWorker("worker-r", 1, Duration.ofSeconds(5));
        try {
            TaskMessage first = task(raising("ValueError"), Buffers.jsonPayload("[]", "{}"), List.of(), 2, 1.0,
                    List.of("KeyError", "ValueError"), null);
            send(first);
            TextMessage firstResult = (TextMessage) results.receive(20_000);
            ResultMessage retrying = ResultBatch.resultsOf(firstResult.getJMSType(), firstResult.getText()).get(0);
            List<ResultMessage> got = List.of(retrying);
            assertEquals(List.of(ResultMessage.RETRYING), got.stream().map(ResultMessage::status).toList());
            assertEquals(1, got.get(0).attempt());
            assertTrue(got.get(0).exception().strip().endsWith("ValueError: attempt failed"), got.get(0)::exception);
            // the worker queues no next attempt itself (endpoints may not send tasks; the service does):
            // past the 1 s back-off, nothing more comes
            assertEquals(null, results.receive(2_500));

            TaskMessage last = withAttempt(first, 3);
            send(last);
            List<ResultMessage> end = history(last.taskId(), Duration.ofSeconds(20));
            assertEquals(List.of(ResultMessage.FAILED), end.stream().map(ResultMessage::status).toList());
            assertEquals(3, end.get(0).attempt());
        } finally {
            worker.stop();
        }
    }

    private static TaskMessage withAttempt(TaskMessage t, int attempt) {
        return new TaskMessage(t.v(), t.taskId(), t.taskGroupId(), t.endpointId(), t.functionId(), t.functionCode(),
                t.payload(), t.resultSerializers(), t.maxResultBytes(), t.dispatchedAt(), attempt, t.maxRetries(),
                t.retryBackoffS(), t.retryOn(), t.timeoutS());
    }

    @Test
    void errorsNotNamedInRetryOnFailAtOnce() throws Exception {
        Worker worker = startWorker("worker-f", 1, Duration.ofSeconds(5));
        try {
            TaskMessage t = task(raising("KeyError"), Buffers.jsonPayload("[]", "{}"), List.of(), 3, 0.1,
                    List.of("ValueError"), null);
            send(t);
            List<ResultMessage> got = history(t.taskId(), Duration.ofSeconds(20));
            assertEquals(1, got.size(), got::toString);
            assertEquals(ResultMessage.FAILED, got.get(0).status());
            assertEquals(1, got.get(0).attempt());
        } finally {
            worker.stop();
        }
    }

    private void timesOutAndFreesTheSlot(String function, String payload, List<String> serializers)
            throws Exception {
        Worker worker = startWorker("worker-t", 1, Duration.ofSeconds(5));
        try {
            TaskMessage slow = task(function, payload, serializers, 0, 0, List.of(), 1);
            send(slow);
            List<ResultMessage> got = history(slow.taskId(), Duration.ofSeconds(15));
            assertEquals(ResultMessage.FAILED, got.get(0).status());
            assertEquals("TaskTimeout: task " + slow.taskId() + " exceeded its timeout of 1 s", got.get(0).exception());
            assertTrue(got.get(0).endedAt() - got.get(0).startedAt() < 4000, got::toString);
            TaskMessage next = task(Buffers.shell("{\"cmd\": \"echo free\"}"), Buffers.jsonPayload("[]", "{}"), List.of());
            send(next);
            assertEquals("free\n", shellResult(history(next.taskId(), Duration.ofSeconds(15)).get(0)).getString("stdout"));
        } finally {
            worker.stop();
        }
    }

    @Test
    void shellTaskTimesOut(@TempDir Path tmp) throws Exception {
        timesOutAndFreesTheSlot(SHELL_SLEEP, touchAndSleep(tmp.resolve("m"), 60), List.of());
    }

    @Test
    void pythonTaskTimesOut(@TempDir Path tmp) throws Exception {
        timesOutAndFreesTheSlot(PYTHON_SLEEP, touchAndSleep(tmp.resolve("m"), 60), List.of(JSON_RESULT));
    }

    @Test
    void javaTaskTimesOut(@TempDir Path tmp) throws Exception {
        timesOutAndFreesTheSlot(javaSleep(), JavaTaskPayload.single(
                Json.createArrayBuilder().add(tmp.resolve("m").toString()).add(60).build().toString()), List.of());
    }

    private void cancelsRunningTask(String function, String payload, Path marker) throws Exception {
        Worker worker = startWorker("worker-c", 1, Duration.ofSeconds(5));
        try {
            TaskMessage slow = task(function, payload, List.of(JSON_RESULT));
            send(slow);
            Wait.until("the task to start", Duration.ofSeconds(15), () -> Files.exists(marker));
            cancel(slow.taskId());
            List<ResultMessage> got = history(slow.taskId(), Duration.ofSeconds(10));
            assertEquals(ResultMessage.CANCELLED, got.get(0).status(), got::toString);
            TaskMessage next = task(Buffers.shell("{\"cmd\": \"echo free\"}"), Buffers.jsonPayload("[]", "{}"), List.of());
            send(next);
            assertEquals("free\n", shellResult(history(next.taskId(), Duration.ofSeconds(15)).get(0)).getString("stdout"));
        } finally {
            worker.stop();
        }
    }

    @Test
    void runningShellTaskIsCancelled(@TempDir Path tmp) throws Exception {
        cancelsRunningTask(SHELL_SLEEP, touchAndSleep(tmp.resolve("m"), 60), tmp.resolve("m"));
    }

    @Test
    void runningPythonTaskIsCancelled(@TempDir Path tmp) throws Exception {
        cancelsRunningTask(PYTHON_SLEEP, touchAndSleep(tmp.resolve("m"), 60), tmp.resolve("m"));
    }

    @Test
    void runningJavaTaskIsCancelled(@TempDir Path tmp) throws Exception {
        cancelsRunningTask(javaSleep(), JavaTaskPayload.single(
                Json.createArrayBuilder().add(tmp.resolve("m").toString()).add(60).build().toString()), tmp.resolve("m"));
    }

    @Test
    void queuedTaskCancelledBeforeItArrivesIsSkipped(@TempDir Path tmp) throws Exception {
        Worker worker = startWorker("worker-q", 1, Duration.ofSeconds(5));
        try {
            TaskMessage blocker = task(SHELL_SLEEP, touchAndSleep(tmp.resolve("m"), 2), List.of());
            Path ran = tmp.resolve("ran");
            TaskMessage queued = task(Buffers.shell("{\"cmd\": \"touch {0}\"}"),
                    Buffers.jsonPayload(Json.createArrayBuilder().add(ran.toString()).build().toString(), "{}"), List.of());
            send(blocker);
            Wait.until("the blocker to start", Duration.ofSeconds(15), () -> Files.exists(tmp.resolve("m")));
            send(queued);
            cancel(queued.taskId());
            assertEquals(ResultMessage.CANCELLED, history(queued.taskId(), Duration.ofSeconds(15)).get(0).status());
            assertFalse(Files.exists(ran), "the cancelled task ran");
        } finally {
            worker.stop();
        }
    }

    @Test
    void taskOfAFunctionNotAllowedFailsWithoutRunningAndIsNeverRetried(@TempDir Path tmp) throws Exception {
        String touch = Buffers.shell("{\"cmd\": \"touch {0} && echo ran\"}");
        Path refusedRan = tmp.resolve("refused-ran");
        Path allowedRan = tmp.resolve("allowed-ran");
        // retry_on "*" with a budget: a refusal must still be final
        TaskMessage refused = task(touch, touching(refusedRan), List.of(), 3, 0, List.of("*"), null);
        TaskMessage allowed = task(touch, touching(allowedRan), List.of());
        Worker worker = startWorker("worker-a", 1, Duration.ofSeconds(5),
                AllowedFunctions.of(List.of(allowed.functionId().toUpperCase())));
        try {
            send(refused);
            send(allowed);

            // one result each (a second, retrying one would fail the collection): the two may share a batch
            Map<String, ResultMessage> got = collect(List.of(refused.taskId(), allowed.taskId()), 2, Duration.ofSeconds(15));
            ResultMessage refusal = got.get(refused.taskId());
            assertEquals(ResultMessage.FAILED, refusal.status());
            assertEquals("FunctionNotPermitted: function " + refused.functionId()
                    + " is not in the allowed_functions of endpoint " + endpointId, refusal.exception());
            assertEquals("ran\n", shellResult(got.get(allowed.taskId())).getString("stdout"));
            assertTrue(Files.exists(allowedRan));
            assertFalse(Files.exists(refusedRan), "the refused task ran");
            // acknowledged, not given back: nothing comes again for it
            assertTrue(collect(List.of(refused.taskId()), 1, Duration.ofSeconds(1)).isEmpty());
        } finally {
            worker.stop();
        }
    }

    @Test
    void tasksTheBrokerSaysAnotherUserSentAreDroppedUnrunWhileTheServicesRun(@TempDir Path tmp) throws Exception {
        String touch = Buffers.shell("{\"cmd\": \"touch {0} && echo ran\"}");
        TaskMessage fromOtherEndpoint = task(touch, touching(tmp.resolve("other-endpoint-ran")), List.of());
        TaskMessage fromItsOwnWorker = task(touch, touching(tmp.resolve("own-credential-ran")), List.of());
        TaskMessage fromService = task(touch, touching(tmp.resolve("service-ran")), List.of());
        Worker worker = startWorker("worker-s", 1, Duration.ofSeconds(5));
        try {
            sendAs("ep.another-endpoint.1", fromOtherEndpoint);
            sendAs(WORKER_USER, fromItsOwnWorker);
            send(fromService);

            // One slot takes the queue in order: once the service's task is done, the others were handled.
            assertEquals("ran\n", shellResult(history(fromService.taskId(), Duration.ofSeconds(15)).get(0))
                    .getString("stdout"));
            assertFalse(Files.exists(tmp.resolve("other-endpoint-ran")), "another endpoint's task ran");
            assertFalse(Files.exists(tmp.resolve("own-credential-ran")), "a task sent with the endpoint's credential ran");
            assertTrue(collect(List.of(fromOtherEndpoint.taskId(), fromItsOwnWorker.taskId()), 1,
                    Duration.ofSeconds(1)).isEmpty(), "a dropped task was answered");
            assertFalse(session.createBrowser(session.createQueue(Destinations.taskQueue(endpointId)))
                    .getEnumeration().hasMoreElements(), "a dropped task was left on the queue to come again");
        } finally {
            worker.stop();
        }
    }

    @Test
    void cancelsTheBrokerSaysAnotherUserSentAreIgnored(@TempDir Path tmp) throws Exception {
        Path marker = tmp.resolve("started");
        TaskMessage task = task(SHELL_SLEEP, touchAndSleep(marker, 2), List.of());
        Worker worker = startWorker("worker-c", 1, Duration.ofSeconds(5));
        try (Connection other = broker.connectionFactory(WORKER_USER).createConnection()) {
            send(task);
            Wait.until("the task to start", Duration.ofSeconds(15), () -> Files.exists(marker));
            Session otherSession = other.createSession(false, Session.AUTO_ACKNOWLEDGE);
            CommandMessage cancel = new CommandMessage(CommandMessage.VERSION, CommandMessage.CANCEL, endpointId,
                    List.of(task.taskId()), System.currentTimeMillis());
            otherSession.createProducer(otherSession.createTopic(Destinations.commandTopic(endpointId)))
                    .send(otherSession.createTextMessage(ProtocolJson.toJson(cancel)));

            List<ResultMessage> results = history(task.taskId(), Duration.ofSeconds(15));
            assertEquals(List.of(ResultMessage.SUCCESS), results.stream().map(ResultMessage::status).toList(),
                    "the endpoint's own credential cancelled a task");
        } finally {
            worker.stop();
        }
    }

    private void sendAs(String user, TaskMessage task) throws JMSException {
        try (Connection other = broker.connectionFactory(user).createConnection()) {
            Session otherSession = other.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TextMessage message = otherSession.createTextMessage(ProtocolJson.toJson(task));
            message.setStringProperty("taskId", task.taskId());
            otherSession.createProducer(otherSession.createQueue(Destinations.taskQueue(endpointId))).send(message);
        }
    }
}
