package org.funcfabric.systemtest.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import java.util.stream.Stream;

import org.funcfabric.bench.stack.LaunchedStack;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The whole of FuncFabric as a test fixture: a {@link LaunchedStack} ({@code funcfabric-launcher.jar
 * up} as a real process, on free ports) in its own run directory under {@code target/fabric-it}, once
 * per test class. Register it as a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final FabricStack STACK = FabricStack.withSlots(2);
 * }</pre>
 *
 * <p>Processes of the stack that outlive the launcher's SIGTERM fail the test class. The database is
 * the launcher's H2 file unless {@code FABRIC_DB_URL}, {@code FABRIC_DB_USER} and
 * {@code FABRIC_DB_PASSWORD} are set in the test's environment (CI's PostgreSQL run); every other
 * {@code FABRIC_*} variable of the environment is dropped so a developer's shell cannot leak in.
 */
public final class FabricStack implements BeforeAllCallback, AfterAllCallback, TestWatcher {
    static final List<String> PASSED_THROUGH = List.of("FABRIC_DB_URL", "FABRIC_DB_USER", "FABRIC_DB_PASSWORD",
            "FABRIC_PYTHON");
    /** The service's per-user submission rate ({@code fabric.limits.submit-rate}); 0 is no limit. */
    public static final String SUBMIT_RATE = LaunchedStack.SUBMIT_RATE;
    private static final int TAIL_LINES = 40;
    private static final DateTimeFormatter RUN_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Map<String, String> environment = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private Class<?> owner;
    private LaunchedStack stack;
    private boolean logsPrinted;

    private FabricStack(int workers, int slots) {
        environment.put("FABRIC_LOCAL_WORKERS", Integer.toString(workers));
        environment.put("FABRIC_LOCAL_SLOTS", Integer.toString(slots));
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
        if (stack != null) {
            return;
        }
        owner = context.getRequiredTestClass();
        start(owner.getSimpleName());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (context.getRequiredTestClass() == owner) {
            try {
                stack.stop(true);
            } catch (IllegalStateException e) {
                throw new AssertionError(e.getMessage());
            }
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        printLogTails("test " + context.getDisplayName() + " failed");
    }

    // --- what the tests use -------------------------------------------------------------------

    public URI baseUrl() {
        return stack.baseUrl();
    }

    /** The development token of user {@code dev} (groups user, admin) that {@code up} wrote. */
    public String token() {
        return stack.token();
    }

    public String endpointId() {
        return stack.endpointId();
    }

    public Path home() {
        return stack.home();
    }

    /** A client acting as {@code dev}. */
    public FabricApi api() {
        return new FabricApi(http, stack.baseUrl(), stack.token());
    }

    /** The connector's directory of the local endpoint: endpoint.json, workers/, logs/. */
    public Path endpointDir() {
        return stack.endpointDir();
    }

    /** The PID the connector wrote for worker {@code index} (1-based), if the file is there now. */
    public OptionalLong workerPid(int index) {
        return stack.workerPid(index);
    }

    /** The PID of the launcher's child {@code name} ({@code broker}, {@code service}, {@code connector}). */
    public OptionalLong childPid(String name) {
        return stack.childPid(name);
    }

    /** The broker's port, known from the moment the launcher is started. */
    public int brokerPort() {
        return stack.brokerPort();
    }

    /** What the launcher has printed so far (its supervision lines among them). */
    public String launcherOutput() {
        return stack.launcherOutput();
    }

    /** A token for another user, signed with this stack's key. */
    public String mintToken(String subject, String... groups) {
        return stack.mintToken(subject, groups);
    }

    // --- start --------------------------------------------------------------------------------

    private void start(String testName) throws Exception {
        Path root = Path.of(System.getProperty("fabric.it.work", "target/fabric-it")).toAbsolutePath();
        Path workDir = root.resolve(testName + "-" + LocalDateTime.now().format(RUN_STAMP));
        // A name of its own: on a shared database (CI's PostgreSQL run) every stack registers a
        // fresh endpoint for user dev, and names are unique per owner.
        String endpointName = "st-" + testName.toLowerCase(Locale.ROOT) + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> env = new LinkedHashMap<>();
        PASSED_THROUGH.forEach(k -> Optional.ofNullable(System.getenv(k)).ifPresent(v -> env.put(k, v)));
        env.putAll(environment);
        stack = new LaunchedStack(launcherJar(), workDir, endpointName, env,
                line -> System.out.println("[FabricStack] " + testName + ": " + line));
        try {
            stack.start();
        } catch (RuntimeException | Error e) {
            printLogTails("the stack did not start");
            throw e;
        }
    }

    // --- logs ---------------------------------------------------------------------------------

    /** Prints the end of the launcher's output and of every log of the stack, once per stack. */
    public synchronized void printLogTails(String why) {
        if (logsPrinted || stack == null) {
            return;
        }
        logsPrinted = true;
        Path workDir = stack.workDir();
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

    private static Path launcherJar() {
        return Path.of(System.getProperty("fabric.launcher.jar", "../launcher/target/funcfabric-launcher.jar"));
    }
}
