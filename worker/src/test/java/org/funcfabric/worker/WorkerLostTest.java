package org.funcfabric.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.funcfabric.protocol.AllowedFunctions;
import org.funcfabric.protocol.Destinations;
import org.funcfabric.protocol.ProtocolJson;
import org.funcfabric.protocol.ResultBatch;
import org.funcfabric.protocol.ResultMessage;
import org.funcfabric.protocol.SerializedBuffers;
import org.funcfabric.protocol.TaskMessage;
import org.funcfabric.worker.python.PythonRuntime;
import org.funcfabric.worker.testsupport.Buffers;
import org.funcfabric.worker.testsupport.EmbeddedBroker;
import org.funcfabric.worker.testsupport.Wait;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A worker process killed with SIGKILL mid-task: the broker redelivers, and past the budget the task fails WorkerLost. */
class WorkerLostTest {
    @Test
    void taskOfAKilledWorkerProcessEndsWorkerLostWithinTwoSeconds(@TempDir Path dir) throws Exception {
        String endpointId = UUID.randomUUID().toString();
        Path started = dir.resolve("started");
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("broker"))) {
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--broker-url", broker.url(),
                    "--broker-user", "ep.worker-lost.1",
                    "--endpoint-id", endpointId, "--slots", "1", "--jar-cache", dir.resolve("jars").toString(),
                    "--spool", dir.resolve("spool").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("worker.log").toFile()).start();
            Connection client = broker.connectionFactory().createConnection();
            try {
                Session session = client.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageConsumer results = session.createConsumer(session.createQueue(Destinations.RESULTS));
                client.start();
                TaskMessage task = new TaskMessage(TaskMessage.VERSION, UUID.randomUUID().toString(), "g", endpointId,
                        "f", SerializedBuffers.pack(Buffers.shell("{\"cmd\": \"touch {0} && sleep 60\"}")),
                        Buffers.jsonPayload(Json.createArrayBuilder().add(started.toString()).build().toString(), "{}"),
                        List.of(), 1 << 20, System.currentTimeMillis(), 1, 0, 0, List.of(), null);
                session.createProducer(session.createQueue(Destinations.taskQueue(endpointId)))
                        .send(session.createTextMessage(ProtocolJson.toJson(task)));
                Wait.until("the worker process to start the task", Duration.ofSeconds(30), () -> Files.exists(started));

                Worker survivor = new Worker(new WorkerConfig(broker.url(), "ep.worker-lost.1", null, endpointId, null,
                        1, "survivor", Duration.ofSeconds(1), dir.resolve("jars"), Duration.ZERO, dir.resolve("spool2"),
                        AllowedFunctions.ANY, null),
                        PythonRuntime.locate(null));
                survivor.start();
                try {
                    long killedAt = System.currentTimeMillis();
                    assertTrue(process.toHandle().destroyForcibly(), "SIGKILL");
                    TextMessage m = (TextMessage) results.receive(10_000);
                    ResultMessage r = ResultBatch.resultsOf(m.getJMSType(), m.getText()).get(0);
                    assertEquals(ResultMessage.FAILED, r.status());
                    assertEquals("WorkerLost: task " + task.taskId() + " was lost with its worker 1 times on endpoint "
                            + endpointId + " (max_retries=0)", r.exception());
                    long detection = r.deliveredAt() - killedAt;
                    System.out.println("redelivery " + detection + " ms after SIGKILL");
                    assertTrue(detection < 2000, "detected after " + detection + " ms");
                } finally {
                    survivor.stop();
                }
            } finally {
                client.close();
                process.destroyForcibly().waitFor();
            }
        }
    }
}
