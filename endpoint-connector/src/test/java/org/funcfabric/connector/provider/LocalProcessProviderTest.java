package org.funcfabric.connector.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.funcfabric.connector.TestWorkerJars;
import org.funcfabric.connector.LogCapture;
import org.funcfabric.connector.Wait;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local provider with real worker processes: a tiny runnable jar compiled for the test. */
class LocalProcessProviderTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final Map<String, String> ENVIRONMENT = Map.of(
            "FABRIC_ENDPOINT_ID", "3f2e1d0c-0000-4000-8000-000000000001",
            "FABRIC_BROKER_URL", "tcp://127.0.0.1:61616",
            "FABRIC_BROKER_USER", "fabric-endpoint",
            "FABRIC_WORKER_SLOTS", "3");

    @TempDir
    Path dir;

    private LocalProcessProvider provider;

    @AfterEach
    void stopProvider() {
        if (provider != null) {
            provider.stop();
        }
    }

    @Test
    void startsWorkersWithPidFilesLogsAndEnvironment() throws Exception {
        provider = new LocalProcessProvider(launch(TestWorkerJars.SLEEPING), 2);
        provider.start();

        assertTrue(provider.isStarted());
        assertEquals(2, provider.liveWorkers());
        for (int index = 1; index <= 2; index++) {
            ProcessHandle worker = ProcessHandle.of(pid(index)).orElseThrow();
            assertTrue(worker.isAlive());
            String commandLine = worker.info().commandLine().orElse("");
            assertFalse(commandLine.contains("endpoint-secret"), "password on the command line: " + commandLine);
            Path log = dir.resolve("logs/worker-" + index + ".log");
            String expected = "fake worker laptop-w" + index + "-";
            Wait.until("worker " + index + " logged its start", PATIENCE, () -> read(log).contains(expected));
            String line = read(log);
            assertTrue(line.contains("endpoint=3f2e1d0c-0000-4000-8000-000000000001 slots=3"), line);
            assertTrue(line.contains("user=fabric-endpoint python=null password-given=true"
                    + " password-in-environment=false"), line);
        }
        assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(dir.resolve("workers")));
        assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(dir.resolve("logs")));

        provider.stop();
        assertFalse(Files.exists(dir.resolve("workers/broker-password")), "the password outlived the workers");
    }

    @Test
    void restartsAWorkerKilledWithSigkill() throws Exception {
        provider = new LocalProcessProvider(launch(TestWorkerJars.SLEEPING), 1);
        provider.start();
        long first = pid(1);

        ProcessHandle.of(first).orElseThrow().destroyForcibly();

        Wait.until("a new worker replaced the killed one", PATIENCE,
                () -> readPid(1).filter(pid -> pid != first).flatMap(ProcessHandle::of)
                        .map(ProcessHandle::isAlive).orElse(false));
        assertEquals(1, provider.liveWorkers());
    }

    @Test
    void stopEndsEveryWorkerAndRemovesThePidFiles() throws Exception {
        provider = new LocalProcessProvider(launch(TestWorkerJars.SLEEPING), 2);
        provider.start();
        List<ProcessHandle> workers = List.of(ProcessHandle.of(pid(1)).orElseThrow(),
                ProcessHandle.of(pid(2)).orElseThrow());

        provider.stop();

        assertFalse(provider.isStarted());
        assertTrue(workers.stream().noneMatch(ProcessHandle::isAlive));
        assertFalse(Files.exists(dir.resolve("workers/worker-1.pid")));
        assertFalse(Files.exists(dir.resolve("workers/worker-2.pid")));
        assertEquals(0, provider.liveWorkers());
    }

    @Test
    void workerFailingItsConfigurationAtStartHasItsLastLogLineLogged() throws Exception {
        try (LogCapture log = LogCapture.of(WorkerProcess.class)) {
            provider = new LocalProcessProvider(launch(TestWorkerJars.CONFIG_ERROR), 1);
            provider.start();

            Wait.until("the worker's own error was logged", PATIENCE, () -> log.messages().stream().anyMatch(
                    m -> m.endsWith("its log ends with: worker: /nowhere/python3 has no dill: set FABRIC_PYTHON")));
            assertTrue(log.messages().stream().anyMatch(m -> m.contains("exited with code 2")),
                    log.messages().toString());
        }
    }

    @Test
    void workerLeftRunningByAPreviousConnectorIsStopped() throws Exception {
        WorkerLaunch launch = launch(TestWorkerJars.SLEEPING);
        Process leftover = new ProcessBuilder(launch.java().toString(), "-jar", launch.workerJar().toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
        Files.createDirectories(launch.pidDir());
        Files.writeString(launch.pidDir().resolve("worker-1.pid"), leftover.pid() + "\n");

        provider = new LocalProcessProvider(launch, 1);
        provider.start();

        Wait.until("the leftover worker is gone", PATIENCE, () -> !leftover.isAlive());
        assertFalse(pid(1) == leftover.pid());
        assertEquals(1, provider.liveWorkers());
    }

    @Test
    void inheritedSecretsAreNotPassedOnToWorkers() {
        // The password file is the connector's own to set; one inherited is not passed on either.
        for (String secret : List.of("FABRIC_BROKER_PASSWORD", "FABRIC_BROKER_PASSWORD_FILE",
                "FABRIC_TLS_KEYSTORE_PASSWORD", "FABRIC_TOKEN_FILE", "FABRIC_BROKER_ENDPOINT_KEY", "FABRIC_SOME_SECRET")) {
            assertTrue(WorkerLaunch.isSecret(secret), secret);
        }
        for (String setting : List.of("FABRIC_LOG_LEVEL", "FABRIC_JAR_CACHE", "FABRIC_PYTHON", "PATH")) {
            assertFalse(WorkerLaunch.isSecret(setting), setting);
        }
    }

    @Test
    void lastLineSkipsTrailingBlankLines() throws IOException {
        Path log = dir.resolve("some.log");
        Files.writeString(log, "first\nsecond line\n\n  \n");
        assertEquals(Optional.of("second line"), WorkerProcess.lastLine(log));
        assertEquals(Optional.empty(), WorkerProcess.lastLine(dir.resolve("missing.log")));
    }

    private WorkerLaunch launch(String workerBody) throws IOException {
        Path jar = TestWorkerJars.build(dir, "worker", workerBody);
        return new WorkerLaunch(WorkerLaunch.currentJava(), jar, ENVIRONMENT, "endpoint-secret", "laptop",
                dir.resolve("logs"), dir.resolve("workers"));
    }

    private long pid(int index) {
        return readPid(index).orElseThrow(() -> new AssertionError("no PID file for worker " + index));
    }

    private Optional<Long> readPid(int index) {
        try {
            return Optional.of(Long.parseLong(Files.readString(dir.resolve("workers/worker-" + index + ".pid")).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
