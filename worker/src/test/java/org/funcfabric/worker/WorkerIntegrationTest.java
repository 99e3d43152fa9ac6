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
import java.util.UUID;
import java.util.stream.IntStream;
import org.funcfabric.protocol.Destinations;
import org.funcfabric.protocol.JavaTaskPayload;
import org.funcfabric.protocol.ProtocolJson;
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
        Worker worker = new Worker(new WorkerConfig(broker.url(), null, null, endpointId, null, slots, workerId,
                stopGrace, dir.resolve("jar-cache")), python);
        worker.start();
        return worker;
    }

    private static TaskMessage task(String functionBuffer, String payload, List<String> serializers) {
        return new TaskMessage(TaskMessage.VERSION, UUID.randomUUID().toString(), "group-1", "unused",
                UUID.randomUUID().toString(), SerializedBuffers.pack(functionBuffer), payload, serializers,
                10L * 1024 * 1024, System.currentTimeMillis(), 1, 0, 0, List.of(), null);
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
                ResultMessage r = ProtocolJson.fromJson(m.getText(), ResultMessage.class);
                if (wanted.contains(r.taskId())) {
                    assertEquals(r.taskId(), m.getStringProperty("taskId"));
                    assertNull(got.put(r.taskId(), r), () -> "two results for task " + r.taskId());
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
        TaskMessage slow = task(Buffers.shell("{\"cmd\": \"touch {0} && sleep 5 && echo done\"}"),
                Buffers.jsonPayload(Json.createArrayBuilder().add(started.toString()).build().toString(), "{}"),
                List.of());
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
}
