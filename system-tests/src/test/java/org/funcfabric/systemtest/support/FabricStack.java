package org.funcfabric.systemtest.support;

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
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

/**
 * The whole of FuncFabric as a test fixture: runs {@code funcfabric-launcher.jar up} as a real
 * process, in its own run directory under {@code target/fabric-it} and on free ports, once per test
 * class. Register it as a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final FabricStack STACK = FabricStack.withSlots(2);
 * }</pre>
 *
 * <p>The stack is ready when {@code /health/ready} answers 200 and the local endpoint's connector has
 * written {@code endpoint.json}. It is stopped the way a user stops it, with SIGTERM to the launcher,
 * which must take down connector, worker, service and broker; only after {@link #STOP_GRACE} is it
 * killed. The database is the launcher's H2 file unless {@code FABRIC_DB_URL}, {@code FABRIC_DB_USER}
 * and {@code FABRIC_DB_PASSWORD} are set in the test's environment (CI's PostgreSQL run); every other
 * {@code FABRIC_*} variable of the environment is dropped so a developer's shell cannot leak in.
 */
public final class FabricStack implements BeforeAllCallback, AfterAllCallback, TestWatcher {
    static final Duration READY_DEADLINE = Duration.ofSeconds(240);
    static final Duration ENDPOINT_DEADLINE = Duration.ofSeconds(90);
    static final Duration STOP_GRACE = Duration.ofSeconds(60);
    static final Duration LEFTOVER_GRACE = Duration.ofSeconds(10);
    static final List<String> PASSED_THROUGH = List.of("FABRIC_DB_URL", "FABRIC_DB_USER", "FABRIC_DB_PASSWORD",
            "FABRIC_PYTHON");
    /** The service's per-user submission rate ({@code fabric.limits.submit-rate}); 0 is no limit. */
    public static final String SUBMIT_RATE = "FABRIC_LIMITS_SUBMIT_RATE";
    private static final int PORT_ATTEMPTS = 3;
    private static final int TAIL_LINES = 40;
    private static final DateTimeFormatter RUN_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final int workers;
    private final int slots;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private Class<?> owner;
    private Process launcher;
    private Thread killOnExit;
    private Path workDir;
    private Path home;
    private Path launcherLog;
    private String endpointName;
    private URI baseUrl;
    private volatile int brokerPort;
    private String token;
    private String endpointId;
    private boolean logsPrinted;

    private FabricStack(int workers, int slots) {
        this.workers = workers;
        this.slots = slots;
        // Suites submit far faster than a person; the limit itself is SecurityIT's subject, which
        // restores the service's default.
        environment.put(SUBMIT_RATE, "0");
    }

    /** A stack whose local endpoint has one worker process with {@code slots} task slots. */
    public static FabricStack withSlots(int slots) {
        return new FabricStack(1, slots);
    }

    /**
     * Sets a {@code FABRIC_*} variable for the launcher, which passes its environment on to the
     * service: a service setting such as {@code fabric.events.keepalive-s} is read from
     * {@code FABRIC_EVENTS_KEEPALIVE_S} (MicroProfile Config's environment names).
     */
    public FabricStack withEnvironment(String name, String value) {
        if (!name.startsWith("FABRIC_")) {
            throw new IllegalArgumentException(name + " is not a FABRIC_* variable");
        }
        environment.put(name, value);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        // @Nested classes inherit the extension; they share their outer class's stack.
        if (launcher != null) {
            return;
        }
        owner = context.getRequiredTestClass();
        start(owner.getSimpleName());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (context.getRequiredTestClass() == owner) {
            stop(true);
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        printLogTails("test " + context.getDisplayName() + " failed");
    }

    // --- what the tests use -------------------------------------------------------------------

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

    /** A client acting as {@code dev}. */
    public FabricApi api() {
        return new FabricApi(http, baseUrl, token);
    }

    /** The connector's directory of the local endpoint: endpoint.json, workers/, logs/. */
    public Path endpointDir() {
        return home.resolve("endpoints").resolve(endpointName);
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

    /** The broker's port, known from the moment the launcher is started. */
    public int brokerPort() {
        return brokerPort;
    }

    /** What the launcher has printed so far (its supervision lines among them). */
    public String launcherOutput() {
        return log(launcherLog);
    }

    /**
     * A token for another user, signed with this stack's key: {@code funcfabric-launcher.jar token
     * --sub USER --groups G}.
     */
    public String mintToken(String subject, String... groups) {
        List<String> command = List.of(java(), "-jar", launcherJar().toString(), "token",
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

    private void start(String testName) throws Exception {
        Path root = Path.of(System.getProperty("fabric.it.work", "target/fabric-it")).toAbsolutePath();
        workDir = root.resolve(testName + "-" + LocalDateTime.now().format(RUN_STAMP));
        Files.createDirectories(workDir);
        home = workDir.resolve("home");
        // A name of its own: on a shared database (CI's PostgreSQL run) every stack registers a
        // fresh endpoint for user dev, and names are unique per owner.
        endpointName = "st-" + testName.toLowerCase(Locale.ROOT) + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        Instant t0 = Instant.now();
        for (int attempt = 1; ; attempt++) {
            int httpPort = freePort();
            int brokerPort = freePort();
            while (brokerPort == httpPort) {
                brokerPort = freePort();
            }
            int amqpPort = freePort();
            while (amqpPort == httpPort || amqpPort == brokerPort) {
                amqpPort = freePort();
            }
            launcherLog = workDir.resolve("launcher-" + attempt + ".log");
            launch(httpPort, brokerPort, amqpPort);
            baseUrl = URI.create("http://127.0.0.1:" + httpPort);
            try {
                awaitReady();
                break;
            } catch (LauncherExited e) {
                // Another process may have taken a port between our probe and the launcher's bind.
                if (attempt < PORT_ATTEMPTS && e.exitCode == 2 && log(launcherLog).contains("is taken")) {
                    System.out.printf("[FabricStack] a port was taken; retrying with other ports%n");
                    continue;
                }
                printLogTails("the stack did not start");
                stop(false);
                throw new IllegalStateException(e.getMessage());
            } catch (RuntimeException | Error e) {
                printLogTails("the stack did not start");
                stop(false);
                throw e;
            }
        }
        Duration startupTime = Duration.between(t0, Instant.now());
        System.out.printf("[FabricStack] %s: up in %.1f s at %s, endpoint %s (%s), run directory %s%n",
                testName, startupTime.toMillis() / 1000.0, baseUrl, endpointName, endpointId, home);
    }

    private void launch(int httpPort, int brokerPort, int amqpPort) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(java(), "-jar", launcherJar().toString(), "up")
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(launcherLog.toFile());
        Map<String, String> env = builder.environment();
        Map<String, String> keep = new LinkedHashMap<>();
        PASSED_THROUGH.forEach(k -> Optional.ofNullable(System.getenv(k)).ifPresent(v -> keep.put(k, v)));
        env.keySet().removeIf(k -> k.startsWith("FABRIC_"));
        env.putAll(keep);
        env.put("FABRIC_HOME", home.toString());
        env.put("FABRIC_HTTP_PORT", Integer.toString(httpPort));
        env.put("FABRIC_BROKER_PORT", Integer.toString(brokerPort));
        this.brokerPort = brokerPort;
        env.put("FABRIC_AMQP_PORT", Integer.toString(amqpPort));
        env.put("FABRIC_LOCAL_ENDPOINT", endpointName);
        env.put("FABRIC_LOCAL_WORKERS", Integer.toString(workers));
        env.put("FABRIC_LOCAL_SLOTS", Integer.toString(slots));
        env.putAll(environment);
        environment.forEach((k, v) -> System.out.printf("[FabricStack] %s=%s%n", k, v));
        if (keep.containsKey("FABRIC_DB_URL")) {
            System.out.printf("[FabricStack] database from FABRIC_DB_URL: %s%n", keep.get("FABRIC_DB_URL"));
        }
        launcher = builder.start();
        launcher.getOutputStream().close();
        Process started = launcher;
        removeKillOnExit();
        killOnExit = new Thread(() -> killTree(started), "fabric-stack-kill");
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
        token = readString(home.resolve("dev-token")).strip();
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
            throw new AssertionError(timeoutMessage);
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
     * stack that outlive it by {@link #LEFTOVER_GRACE} are killed and, when {@code strict}, fail the
     * test class: the launcher promises to stop every process it started.
     */
    private void stop(boolean strict) throws InterruptedException {
        Process p = launcher;
        if (p == null) {
            return;
        }
        launcher = null;
        List<ProcessHandle> tree = p.descendants().toList();
        Instant t0 = Instant.now();
        p.destroy();
        if (!p.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
            System.out.printf("[FabricStack] the launcher did not stop within %d s of SIGTERM; killing it%n",
                    STOP_GRACE.toSeconds());
            printLogTails("the launcher did not stop");
            killTree(p);
        }
        System.out.printf("[FabricStack] stopped in %.1f s (launcher exit code %d)%n",
                Duration.between(t0, Instant.now()).toMillis() / 1000.0, p.exitValue());
        removeKillOnExit();
        Instant deadline = Instant.now().plus(LEFTOVER_GRACE);
        while (tree.stream().anyMatch(ProcessHandle::isAlive) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        List<String> leftovers = tree.stream().filter(ProcessHandle::isAlive).map(FabricStack::describe).toList();
        if (!leftovers.isEmpty()) {
            tree.forEach(ProcessHandle::destroyForcibly);
            String message = "still running " + LEFTOVER_GRACE.toSeconds()
                    + " s after the launcher exited (now killed): " + leftovers;
            System.out.println("[FabricStack] " + message);
            if (strict) {
                throw new AssertionError(message);
            }
        }
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

    // --- logs ---------------------------------------------------------------------------------

    /** Prints the end of the launcher's output and of every log of the stack, once per stack. */
    public synchronized void printLogTails(String why) {
        if (logsPrinted || workDir == null) {
            return;
        }
        logsPrinted = true;
        System.out.printf("%n===== FabricStack logs (%s), run directory %s =====%n", why, workDir);
        List<Path> logs = new ArrayList<>();
        try (Stream<Path> files = Files.walk(workDir)) {
            files.filter(f -> f.toString().endsWith(".log") && Files.isRegularFile(f))
                    .filter(f -> !f.toString().contains("payara-root"))
                    .sorted()
                    .forEach(logs::add);
        } catch (IOException e) {
            System.out.println("(cannot list logs: " + e + ")");
        }
        for (Path log : logs) {
            List<String> lines = log(log).lines().toList();
            System.out.printf("----- %s (last %d of %d lines) -----%n", workDir.relativize(log),
                    Math.min(TAIL_LINES, lines.size()), lines.size());
            lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()).forEach(System.out::println);
        }
        System.out.println("===== end of FabricStack logs =====");
    }

    private static String log(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    // --- helpers ------------------------------------------------------------------------------

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Path launcherJar() {
        Path jar = Path.of(System.getProperty("fabric.launcher.jar", "../launcher/target/funcfabric-launcher.jar"))
                .toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first (mvn -B install -DskipTests)");
        }
        return jar;
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
