package org.funcfabric.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.funcfabric.protocol.Destinations;
import org.funcfabric.protocol.ProtocolJson;
import org.funcfabric.protocol.ResultBatch;
import org.funcfabric.protocol.ResultMessage;
import org.funcfabric.protocol.SerializedBuffers;
import org.funcfabric.protocol.TaskMessage;
import org.funcfabric.worker.testsupport.Buffers;
import org.funcfabric.worker.testsupport.EmbeddedBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker process started by hand with its broker password in {@code FABRIC_BROKER_PASSWORD}, the way the
 * README allows: the shell and Python functions it runs list their environment and must find none of the
 * worker's {@code FABRIC_*} settings, the password least of all.
 */
class FunctionEnvironmentTest {
    private static final String PASSWORD = "the-endpoint-broker-password";
    private static final String JSON_RESULT = "globus_compute_sdk.serialize.JSONData";

    @Test
    void shellAndPythonFunctionsDoNotSeeTheWorkersSecrets(@TempDir Path dir) throws Exception {
        String endpointId = UUID.randomUUID().toString();
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("broker"))) {
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Main.class.getName())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("worker.log").toFile());
            Map<String, String> env = builder.environment();
            env.put("FABRIC_BROKER_URL", broker.url());
            env.put("FABRIC_BROKER_USER", "ep.environment-test.1");
            env.put(Main.PASSWORD_VARIABLE, PASSWORD);
            env.put("FABRIC_ENDPOINT_ID", endpointId);
            env.put("FABRIC_WORKER_SLOTS", "1");
            env.put("FABRIC_JAR_CACHE", dir.resolve("jars").toString());
            env.put("FABRIC_WORKER_SPOOL", dir.resolve("spool").toString());
            Process worker = builder.start();
            try (Connection client = broker.connectionFactory().createConnection()) {
                Session session = client.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageConsumer results = session.createConsumer(session.createQueue(Destinations.RESULTS));
                client.start();
                TaskMessage shell = task(endpointId, Buffers.shell("{\"cmd\": \"env\"}"), List.of());
                TaskMessage python = task(endpointId, Buffers.pureSource("environment",
                        "def environment():\n    import os\n    return '\\n'.join(k + '=' + v for k, v in os.environ.items())\n"),
                        List.of(JSON_RESULT));
                for (TaskMessage t : List.of(shell, python)) {
                    session.createProducer(session.createQueue(Destinations.taskQueue(endpointId)))
                            .send(session.createTextMessage(ProtocolJson.toJson(t)));
                }

                Map<String, ResultMessage> got = new HashMap<>();
                while (got.size() < 2) {
                    TextMessage m = (TextMessage) results.receive(60_000);
                    assertNotNull(m, () -> "no result; the worker's log: " + log(dir));
                    ResultBatch.resultsOf(m.getJMSType(), m.getText()).forEach(r -> got.put(r.taskId(), r));
                }
                for (TaskMessage t : List.of(shell, python)) {
                    ResultMessage r = got.get(t.taskId());
                    assertEquals(ResultMessage.SUCCESS, r.status(), r::exception);
                    assertFalse(r.result().contains(PASSWORD), "the function saw the broker password: " + r.result());
                    assertFalse(r.result().contains("FABRIC_"), "the function saw the worker's settings: " + r.result());
                }
                // The functions did list an environment: one the worker's own parent gave it.
                assertTrue(got.get(shell.taskId()).result().contains("PATH="), "the shell saw no environment at all");
            } finally {
                worker.destroy();
                worker.waitFor();
            }
        }
    }

    private static TaskMessage task(String endpointId, String function, List<String> serializers) {
        return new TaskMessage(TaskMessage.VERSION, UUID.randomUUID().toString(), "g", endpointId,
                UUID.randomUUID().toString(), SerializedBuffers.pack(function), Buffers.jsonPayload("[]", "{}"),
                serializers, 1 << 20, System.currentTimeMillis(), 1, 0, 0, List.of(), null);
    }

    private static String log(Path dir) {
        try {
            return Files.readString(dir.resolve("worker.log"));
        } catch (Exception e) {
            return "(unreadable: " + e + ")";
        }
    }
}
