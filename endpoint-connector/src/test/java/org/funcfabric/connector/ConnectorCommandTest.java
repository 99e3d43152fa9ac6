package org.funcfabric.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;

import org.funcfabric.connector.registration.EndpointStateFile;
import org.funcfabric.connector.registration.RegistrationRequest;
import org.funcfabric.protocol.Destinations;
import org.funcfabric.protocol.HeartbeatMessage;
import org.funcfabric.protocol.ProtocolJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connector as a user runs it: a process against a fake service, a real embedded broker and real
 * worker processes; and its one-line failures.
 */
class ConnectorCommandTest {
    private static final long RECEIVE_TIMEOUT_MS = 10_000;

    @TempDir
    Path dir;

    @Test
    void registersRunsWorkersSendsHeartbeatsAndStopsCleanlyOnSigterm() throws Exception {
        Path workerJar = TestWorkerJars.build(dir, "worker", TestWorkerJars.SLEEPING);
        String fn1 = "0b6a3c1e-5f7d-4d8e-9a0b-1c2d3e4f5a6b";
        String fn2 = "9b6a3c1e-5f7d-4d8e-9a0b-1c2d3e4f5a6b";
        Path state = dir.resolve("state");
        try (TestBroker broker = TestBroker.start();
             FakeService service = new FakeService(FakeService.registrar(broker.url()));
             JMSContext jms = broker.connect();
             JMSConsumer heartbeats = jms.createConsumer(jms.createQueue(Destinations.HEARTBEATS))) {
            Process connector = launch(List.of("--service", service.url().toString(), "--token", token().toString(),
                    "--name", "laptop", "--workers", "2", "--slots", "3", "--dir", state.toString(),
                    "--heartbeat-period", "1", "--worker-jar", workerJar.toString(), "--python", "/usr/bin/python3",
                    "--allowed-function", fn2.toUpperCase(), "--allowed-function", fn1), Map.of());
            List<Long> workerPids = new ArrayList<>();
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(connector.getInputStream(), StandardCharsets.UTF_8))) {
                String started = out.readLine();
                String id = new EndpointStateFile(state.resolve("endpoint.json")).endpointId().orElseThrow(
                        () -> new AssertionError("no endpoint.json; connector said " + started + "\n" + stderr()));
                assertEquals("connector: endpoint laptop registered as " + id + "; 2 worker(s) x 3 slots", started);
                assertEquals("Bearer header.payload.signature", service.requests().get(0).authorization());
                assertEquals(List.of(fn1, fn2), ProtocolJson.fromJson(service.requests().get(0).body(),
                        RegistrationRequest.class).allowedFunctions());

                HeartbeatMessage online = next(heartbeats);
                assertEquals(new HeartbeatMessage(HeartbeatMessage.VERSION, id, HeartbeatMessage.ONLINE, 2, 6,
                        online.sentAt(), 0), online, "no task sent: an empty task queue");
                for (int index = 1; index <= 2; index++) {
                    workerPids.add(Long.parseLong(Files.readString(state.resolve("workers/worker-" + index + ".pid")).strip()));
                    Path log = state.resolve("logs/worker-" + index + ".log");
                    Wait.until("worker " + index + " logged its start", Duration.ofSeconds(20),
                            () -> read(log).contains("password-given=true"));
                    String logged = read(log);
                    assertTrue(logged.contains("fake worker laptop-w" + index + "-"), logged);
                    assertTrue(logged.contains("endpoint=" + id + " slots=3 broker=" + broker.url()
                            + " user=fabric-endpoint python=/usr/bin/python3 password-given=true"
                            + " password-in-environment=false allowed=" + fn1 + ","
                            + fn2), logged);
                }

                connector.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of stdout
                assertEquals("connector: stopped", out.readLine());
                assertTrue(connector.waitFor(30, TimeUnit.SECONDS), "connector did not exit on SIGTERM");

                HeartbeatMessage last = next(heartbeats);
                while (!last.state().equals(HeartbeatMessage.OFFLINE)) {
                    last = next(heartbeats);
                }
                assertEquals(0, last.totalWorkers());
                assertTrue(workerPids.stream().map(ProcessHandle::of).noneMatch(p -> p.map(ProcessHandle::isAlive)
                        .orElse(false)), "workers outlived the connector");
            } finally {
                connector.destroyForcibly();
                workerPids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            }
        }
    }

    @Test
    void refusedTokenEndsWithOneLineAndExitCodeTwo() throws Exception {
        Path workerJar = TestWorkerJars.build(dir, "worker", TestWorkerJars.SLEEPING);
        try (FakeService service = new FakeService(
                request -> FakeService.error(401, "INVALID_AUTH_TOKEN", "token expired"))) {
            StringWriter err = new StringWriter();
            int exitCode = ConnectorCommand.commandLine().setErr(new PrintWriter(err, true)).execute(
                    "--service", service.url().toString(), "--token", token().toString(), "--name", "laptop",
                    "--dir", dir.resolve("state").toString(), "--worker-jar", workerJar.toString());

            assertEquals(2, exitCode);
            assertEquals(List.of("connector: the service refused the token (401 INVALID_AUTH_TOKEN): token expired"),
                    err.toString().lines().toList());
        }
    }

    @Test
    void missingWorkerJarEndsWithOneLineBeforeRegistering() throws Exception {
        try (FakeService service = new FakeService(FakeService.registrar("tcp://127.0.0.1:1"))) {
            StringWriter err = new StringWriter();
            Path missing = dir.resolve("no-such-worker.jar");
            int exitCode = ConnectorCommand.commandLine().setErr(new PrintWriter(err, true)).execute(
                    "--service", service.url().toString(), "--token", token().toString(), "--name", "laptop",
                    "--worker-jar", missing.toString());

            assertEquals(2, exitCode);
            assertEquals(List.of("connector: the worker jar " + missing
                    + " does not exist: set --worker-jar or FABRIC_WORKER_JAR"), err.toString().lines().toList());
            assertTrue(service.requests().isEmpty());
        }
    }

    @Test
    void allowedFunctionThatIsNotAUuidEndsWithOneLineBeforeRegistering() throws Exception {
        Path workerJar = TestWorkerJars.build(dir, "worker", TestWorkerJars.SLEEPING);
        try (FakeService service = new FakeService(FakeService.registrar("tcp://127.0.0.1:1"))) {
            Process connector = launch(List.of("--service", service.url().toString(), "--token", token().toString(),
                    "--name", "laptop", "--dir", dir.resolve("state").toString(), "--worker-jar", workerJar.toString()),
                    Map.of("FABRIC_ALLOWED_FUNCTIONS", "0b6a3c1e-5f7d-4d8e-9a0b-1c2d3e4f5a6b,my-function"));

            assertTrue(connector.waitFor(30, TimeUnit.SECONDS), "connector did not exit");
            assertEquals(2, connector.exitValue());
            assertEquals(List.of("connector: --allowed-function 'my-function' is not a function UUID: fix"
                    + " --allowed-function or FABRIC_ALLOWED_FUNCTIONS"), stderr().lines().toList());
            assertTrue(service.requests().isEmpty());
        }
    }

    private Path token() throws IOException {
        // the file as an editor leaves it: the connector trims it
        return Files.writeString(dir.resolve("token"), "  header.payload.signature\n");
    }

    /** The connector in its own process, with none of this one's FABRIC_* variables but {@code environment}. */
    private Process launch(List<String> args, Map<String, String> environment) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"), ConnectorCommand.class.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(dir.resolve("connector.err").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("FABRIC_"));
        builder.environment().putAll(environment);
        return builder.start();
    }

    private String stderr() {
        return read(dir.resolve("connector.err"));
    }

    private static HeartbeatMessage next(JMSConsumer heartbeats) throws Exception {
        Message message = heartbeats.receive(RECEIVE_TIMEOUT_MS);
        assertNotNull(message, "no heartbeat within " + RECEIVE_TIMEOUT_MS + " ms");
        return ProtocolJson.fromJson(message.getBody(String.class), HeartbeatMessage.class);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
