package org.funcfabric.bench.stack;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

/**
 * FuncFabric started the way a user starts it: {@code funcfabric-launcher.jar up} as a process of its
 * own, in its own run directory and on free ports, configured by {@code FABRIC_*} variables only. Ready
 * when {@code /health/ready} answers 200 and the local endpoint's connector has written
 * {@code endpoint.json}; stopped with SIGTERM to the launcher, which must take down connector, worker,
 * service and broker, and killed only after {@link #STOP_GRACE}. Shared by the benchmark and the
 * system tests' fixture.
 */
public final class LaunchedStack {
    static final Duration READY_DEADLINE = Duration.ofSeconds(240);
    static final Duration ENDPOINT_DEADLINE = Duration.ofSeconds(90);
    static final Duration STOP_GRACE = Duration.ofSeconds(60);
    static final Duration LEFTOVER_GRACE = Duration.ofSeconds(10);
    /** The service's per-user submission rate ({@code fabric.limits.submit-rate}); 0 is no limit. */
    public static final String SUBMIT_RATE = "FABRIC_LIMITS_SUBMIT_RATE";
    private static final int PORT_ATTEMPTS = 3;

    private final Path launcherJar;
    private final Path workDir;
    private final Path home;
    private final String endpointName;
    private final Map<String, String> environment;
    private final Consumer<String> log;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private Process launcher;
    private Thread killOnExit;
    private Path launcherLog;
    private URI baseUrl;
    private volatile int brokerPort;
    private String token;
    private String endpointId;

    /**
     * @param launcherJar  {@code funcfabric-launcher.jar}, with its {@code lib/} beside it
     * @param workDir      where the launcher runs; the run directory is its {@code home/}
     * @param endpointName the local endpoint's name
     * @param environment  the {@code FABRIC_*} variables of the launcher, besides home, ports and
     *                     endpoint; every other {@code FABRIC_*} variable of this process is dropped so
     *                     that a developer's shell cannot leak in
     * @param log          receives one line per step
     */
    public LaunchedStack(Path launcherJar, Path workDir, String endpointName, Map<String, String> environment,
                         Consumer<String> log) {
        if (!Files.isRegularFile(launcherJar)) {
            throw new IllegalStateException(launcherJar + " is missing: build it first (mvn -B install -DskipTests)");
        }
        environment.keySet().stream().filter(k -> !k.startsWith("FABRIC_")).findAny().ifPresent(k -> {
            throw new IllegalArgumentException(k + " is not a FABRIC_* variable");
        });
        this.launcherJar = launcherJar.toAbsolutePath().normalize();
        this.workDir = workDir.toAbsolutePath().normalize();
        this.home = this.workDir.resolve("home");
        this.endpointName = endpointName;
        this.environment = new LinkedHashMap<>(environment);
        this.log = log;
    }

    public URI baseUrl() {
        return baseUrl;
    }

    /** The development token of user {@code dev} (groups user, admin) that {@code up} wrote. */
    public String token() {
        return token;
    }

    public String endpointId() {
        return endpointId;
    }

    public Path home() {
        return home;
    }

    public Path workDir() {
        return workDir;
    }

    /** The broker's port, known from the moment the launcher is started. */
    public int brokerPort() {
        return brokerPort;
    }

    /** The connector's directory of the local endpoint: endpoint.json, workers/, logs/. */
    public Path endpointDir() {
        return home.resolve("endpoints").resolve(endpointName);
    }

    /** What the launcher has printed so far (its supervision lines among them). */
    public String launcherOutput() {
        return read(launcherLog);
    }

    /** The PID the connector wrote for worker {@code index} (1-based), if the file is there now. */
    public OptionalLong workerPid(int index) {
        Path file = endpointDir().resolve("workers").resolve("worker-" + index + ".pid");
        try {
            return OptionalLong.of(Long.parseLong(Files.readString(file).strip()));
        } catch (IOException | NumberFormatException e) {
            // Absent between a worker's exit and its restart, or caught mid-write.
            return OptionalLong.empty();
        }
    }

    /**
     * The PID of the launcher's child {@code name} ({@code broker}, {@code service}, {@code connector})
     * running now, from the launcher's {@code children.pids}, which names each one's latest process.
     */
    public OptionalLong childPid(String name) {
        try {
            return Files.readAllLines(home.resolve("children.pids")).stream()
                    .map(l -> l.split(" "))
                    .filter(f -> f.length == 3 && f[0].equals(name))
                    .mapToLong(f -> Long.parseLong(f[1]))
                    .reduce((a, b) -> b);
        } catch (IOException | NumberFormatException e) {
            // Caught while the launcher rewrites it: the next poll reads it whole.
            return OptionalLong.empty();
        }
    }

    /**
     * A token for another user, signed with this stack's key: {@code funcfabric-launcher.jar token
     * --sub USER --groups G}.
     */
    public String mintToken(String subject, String... groups) {
        List<String> command = List.of(java(), "-jar", launcherJar.toString(), "token",
                "--sub", subject, "--groups", String.join(",", groups));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("FABRIC_HOME", home.toString());
        try {
            Process p = builder.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("`token --sub " + subject + "` failed: " + out);
            }
            // The token is the last line; anything before it would be a JVM warning.
            return out.lines().reduce((a, b) -> b).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // --- start and stop -----------------------------------------------------------------------

    /**
     * Starts the launcher and waits until the stack is ready; on failure everything started is
     * stopped again.
     *
     * @throws IllegalStateException when the stack did not come up; the logs are in {@link #workDir()}
     */
    public void start() throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Instant t0 = Instant.now();
        for (int attempt = 1; ; attempt++) {
            int httpPort = freePort();
            int broker = freePort();
            while (broker == httpPort) {
                broker = freePort();
            }
            int amqpPort = freePort();
            while (amqpPort == httpPort || amqpPort == broker) {
                amqpPort = freePort();
            }
            launcherLog = workDir.resolve("launcher-" + attempt + ".log");
            launch(httpPort, broker, amqpPort);
            baseUrl = URI.create("http://127.0.0.1:" + httpPort);
            try {
                awaitReady();
                break;
            } catch (LauncherExited e) {
                // Another process may have taken a port between our probe and the launcher's bind.
                if (attempt < PORT_ATTEMPTS && e.exitCode == 2 && read(launcherLog).contains("is taken")) {
                    log.accept("a port was taken; retrying with other ports");
                    continue;
                }
                stop(false);
                throw new IllegalStateException(e.getMessage() + "; see " + launcherLog);
            } catch (RuntimeException | Error e) {
                stop(false);
                throw e;
            }
        }
        log.accept(String.format("up in %.1f s at %s, endpoint %s (%s), run directory %s",
                Duration.between(t0, Instant.now()).toMillis() / 1000.0, baseUrl, endpointName, endpointId, home));
    }

    private void launch(int httpPort, int brokerPort, int amqpPort) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(java(), "-jar", launcherJar.toString(), "up")
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(launcherLog.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("FABRIC_"));
        env.put("FABRIC_HOME", home.toString());
        env.put("FABRIC_HTTP_PORT", Integer.toString(httpPort));
        env.put("FABRIC_BROKER_PORT", Integer.toString(brokerPort));
        this.brokerPort = brokerPort;
        env.put("FABRIC_AMQP_PORT", Integer.toString(amqpPort));
        env.put("FABRIC_LOCAL_ENDPOINT", endpointName);
        env.putAll(environment);
        environment.forEach((k, v) -> log.accept(k + "=" + (k.contains("PASSWORD") ? "***" : v)));
        launcher = builder.start();
        launcher.getOutputStream().close();
        Process started = launcher;
        removeKillOnExit();
        killOnExit = new Thread(() -> killTree(started), "launched-stack-kill");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    private void awaitReady() throws LauncherExited, InterruptedException {
        Instant deadline = Instant.now().plus(READY_DEADLINE);
        URI ready = baseUrl.resolve("/health/ready");
        while (!answers200(ready)) {
            checkAlive(deadline, "/health/ready did not answer 200 within " + READY_DEADLINE.toSeconds() + " s");
            Thread.sleep(500);
        }
        // up writes the token before it starts the service, so it is there by now.
        try {
            token = Files.readString(home.resolve("dev-token")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        deadline = Instant.now().plus(ENDPOINT_DEADLINE);
        Path endpointFile = endpointDir().resolve("endpoint.json");
        while ((endpointId = endpointIdIn(endpointFile)) == null) {
            checkAlive(deadline, endpointFile + " did not appear within " + ENDPOINT_DEADLINE.toSeconds() + " s");
            Thread.sleep(250);
        }
    }

    private void checkAlive(Instant deadline, String timeoutMessage) throws LauncherExited {
        if (!launcher.isAlive()) {
            throw new LauncherExited(launcher.exitValue());
        }
        if (Instant.now().isAfter(deadline)) {
            throw new IllegalStateException(timeoutMessage + "; see " + launcherLog);
        }
    }

    private boolean answers200(URI uri) {
        try {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String endpointIdIn(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (JsonReader reader = Json.createReader(new StringReader(Files.readString(file)))) {
            JsonObject json = reader.readObject();
            String id = json.getString("endpoint_id", "");
            return id.isBlank() ? null : id;
        } catch (IOException | RuntimeException e) {
            // Caught mid-write: the next poll reads it whole.
            return null;
        }
    }

    /**
     * SIGTERM to the launcher, as Ctrl-C would; it must stop everything it started. Processes of the
     * stack that outlive it by {@link #LEFTOVER_GRACE} are killed and, when {@code strict}, reported
     * by an {@link IllegalStateException}: the launcher promises to stop every process it started.
     */
    public void stop(boolean strict) throws InterruptedException {
        Process p = launcher;
        if (p == null) {
            return;
        }
        launcher = null;
        List<ProcessHandle> tree = p.descendants().toList();
        Instant t0 = Instant.now();
        p.destroy();
        if (!p.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
            log.accept("the launcher did not stop within " + STOP_GRACE.toSeconds() + " s of SIGTERM; killing it");
            killTree(p);
        }
        log.accept(String.format("stopped in %.1f s (launcher exit code %d)",
                Duration.between(t0, Instant.now()).toMillis() / 1000.0, p.exitValue()));
        removeKillOnExit();
        Instant deadline = Instant.now().plus(LEFTOVER_GRACE);
        while (tree.stream().anyMatch(ProcessHandle::isAlive) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        List<String> leftovers = tree.stream().filter(ProcessHandle::isAlive).map(LaunchedStack::describe).toList();
        if (!leftovers.isEmpty()) {
            tree.forEach(ProcessHandle::destroyForcibly);
            String message = "still running " + LEFTOVER_GRACE.toSeconds()
                    + " s after the launcher exited (now killed): " + leftovers;
            log.accept(message);
            if (strict) {
                throw new IllegalStateException(message);
            }
        }
    }

    /** Whether the launcher was started and has not been stopped. */
    public boolean isRunning() {
        return launcher != null;
    }

    private void removeKillOnExit() {
        if (killOnExit != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(killOnExit);
            } catch (IllegalStateException e) {
                // Already shutting down: the hook runs anyway, harmlessly.
            }
            killOnExit = null;
        }
    }

    private static void killTree(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String describe(ProcessHandle h) {
        return h.pid() + " " + h.info().commandLine().orElse("?");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The launcher exited before the stack was ready. */
    private static final class LauncherExited extends Exception {
        private final int exitCode;

        LauncherExited(int exitCode) {
            super("the launcher exited with code " + exitCode + " before the stack was ready");
            this.exitCode = exitCode;
        }
    }
}
