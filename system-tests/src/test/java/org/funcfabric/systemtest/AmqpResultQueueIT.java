package org.funcfabric.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.funcfabric.systemtest.support.FabricStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Globus Compute SDK's {@code Executor} path (issue 4): results pushed over AMQP 0-9-1 from the
 * broker process's embedded Qpid Broker-J. {@code src/test/python/amqp_results.py} (Debian's
 * python3-pika) gets the connection URL, submits with {@code create_queue}, consumes
 * {@code <queue_prefix><task_group_id>} as the Executor does, and checks that a second user's
 * credential cannot read that queue.
 */
class AmqpResultQueueIT {
    @RegisterExtension
    static final FabricStack STACK = FabricStack.withSlots(2);

    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final Duration CLIENT_DEADLINE = Duration.ofSeconds(240);

    @Test
    void executorStyleConsumerReceivesEveryResultAndOnlyItsOwn() throws Exception {
        Path script = Path.of(System.getProperty("fabric.python.tests", "src/test/python"), "amqp_results.py")
                .toAbsolutePath();
        assertTrue(Files.isRegularFile(script), () -> script + " is missing");
        assertTrue(Files.isExecutable(PYTHON), PYTHON + " is missing: apt-get install python3 python3-pika");

        ProcessBuilder builder = new ProcessBuilder(PYTHON.toString(), script.toString()).redirectErrorStream(true);
        builder.environment().put("FF_BASE_URL", STACK.baseUrl().toString());
        builder.environment().put("FF_TOKEN", STACK.token());
        builder.environment().put("FF_OTHER_TOKEN", STACK.mintToken("amqp-other-user", "user"));
        builder.environment().put("FF_ENDPOINT_ID", STACK.endpointId());
        builder.environment().put("FF_DEADLINE_S", Long.toString(CLIENT_DEADLINE.toSeconds() - 60));
        builder.environment().put("PYTHONUNBUFFERED", "1");
        Process client = builder.start();
        client.getOutputStream().close();
        List<String> output = new ArrayList<>();
        Thread echo = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    System.out.println("[amqp_results] " + line);
                    synchronized (output) {
                        output.add(line);
                    }
                }
            } catch (IOException e) {
                // killed at the deadline; the assertion below says so
            }
        }, "amqp_results-output");
        echo.start();
        boolean ended = client.waitFor(CLIENT_DEADLINE.toSeconds(), TimeUnit.SECONDS);
        if (!ended) {
            client.destroyForcibly();
        }
        echo.join(10_000);
        String all;
        synchronized (output) {
            all = String.join("\n", output);
        }
        assertTrue(ended, () -> "amqp_results.py still running after " + CLIENT_DEADLINE.toSeconds() + " s:\n" + all);
        assertEquals(0, client.exitValue(), () -> "amqp_results.py failed:\n" + all);
        assertTrue(all.lines().reduce((a, b) -> b).orElse("").matches("\\d+ passed, 0 failed"),
                () -> "amqp_results.py's last line is not its summary:\n" + all);
    }
}
