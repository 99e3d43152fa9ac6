package org.funcfabric.systemtest.support;

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
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the Python wire-format clients in {@code src/test/python} with Debian's interpreter,
 * echoes its lines, and asserts it passed: exit code 0 and a last line {@code "N passed, 0 failed"}.
 */
public final class PythonScript {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    private PythonScript() {
    }

    /**
     * @param name     the script's file name in the python tests directory
     * @param args     its command-line arguments
     * @param env      environment variables added for it
     * @param deadline after which it is killed and the test fails
     * @param packages the Debian packages it needs, named in the failure when Python is missing
     */
    public static void assertPasses(String name, List<String> args, Map<String, String> env, Duration deadline,
                                    String packages) throws IOException, InterruptedException {
        Path script = Path.of(System.getProperty("fabric.python.tests", "src/test/python"), name).toAbsolutePath();
        assertTrue(Files.isRegularFile(script), () -> script + " is missing");
        assertTrue(Files.isExecutable(PYTHON), PYTHON + " is missing: apt-get install " + packages);

        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), script.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.environment().put("PYTHONUNBUFFERED", "1");
        Process client = builder.start();
        client.getOutputStream().close();
        List<String> output = new ArrayList<>();
        Thread echo = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    System.out.println("[" + name + "] " + line);
                    synchronized (output) {
                        output.add(line);
                    }
                }
            } catch (IOException e) {
                // killed at the deadline; the assertion below says so
            }
        }, name + "-output");
        echo.start();
        boolean ended = client.waitFor(deadline.toSeconds(), TimeUnit.SECONDS);
        if (!ended) {
            client.descendants().forEach(ProcessHandle::destroyForcibly);
            client.destroyForcibly();
        }
        echo.join(10_000);
        String all;
        synchronized (output) {
            all = String.join("\n", output);
        }
        assertTrue(ended, () -> name + " still running after " + deadline.toSeconds() + " s:\n" + all);
        assertEquals(0, client.exitValue(), () -> name + " failed:\n" + all);
        assertTrue(all.lines().reduce((a, b) -> b).orElse("").matches("\\d+ passed, 0 failed.*"),
                () -> name + "'s last line is not its summary:\n" + all);
    }
}
