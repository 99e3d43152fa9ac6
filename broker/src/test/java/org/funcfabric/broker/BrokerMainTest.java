package org.funcfabric.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.jms.JMSContext;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher as a process: its ready line, its clean stop on SIGTERM and its exit code 2. */
class BrokerMainTest {
    @TempDir
    Path dir;

    @Test
    void printsReadyLineAndStopsOnSigterm() throws Exception {
        BrokerSettings settings = TestBrokers.settings(dir.resolve("data"));
        Process broker = launch(Map.of(
                BrokerSettings.PORT, String.valueOf(settings.port()),
                BrokerSettings.DATA_DIR, settings.dataDir().toString(),
                BrokerSettings.SERVICE_PASSWORD, TestBrokers.SERVICE.password(),
                BrokerSettings.ENDPOINT_KEY, TestBrokers.ENDPOINT_KEY));
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(broker.getInputStream(), StandardCharsets.UTF_8))) {
            // readLine waits for the line; the surefire timeout bounds a broker that never gets there
            assertEquals("broker ready on " + settings.url(), out.readLine());
            try (JMSContext service = TestBrokers.connect(settings, TestBrokers.SERVICE)) {
                service.createProducer().send(service.createQueue("fabric.tasks.ping"), "ping");
            }
            broker.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of stdout
            assertEquals("broker stopped", out.readLine());
            assertTrue(broker.waitFor(30, TimeUnit.SECONDS), "broker did not exit on SIGTERM");
        } finally {
            broker.destroyForcibly();
        }
    }

    @Test
    void missingSettingExitsWithCodeTwoAndOneLine() throws Exception {
        Process broker = launch(Map.of(BrokerSettings.SERVICE_PASSWORD, "s"));
        assertTrue(broker.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, broker.exitValue());
        List<String> stderr = Files.readAllLines(dir.resolve("stderr.log"));
        assertEquals(List.of("broker: FABRIC_BROKER_DATA_DIR is not set: set it to the directory for the broker's journal"),
                stderr);
    }

    private Process launch(Map<String, String> env) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                BrokerMain.class.getName())
                .redirectError(dir.resolve("stderr.log").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("FABRIC_BROKER_"));
        builder.environment().putAll(env);
        return builder.start();
    }
}
