package org.funcfabric.launcher.process;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.funcfabric.launcher.home.RunHome;

/**
 * One program the launcher runs as a child process, its output (stdout and stderr) in a log file.
 * Lifecycle: {@link #start()}, {@link #stop(Duration)}, {@link #isStarted()}.
 *
 * <p>Where {@code setsid} exists the child runs in a session of its own. Ctrl-C in a terminal
 * signals the whole foreground process group; without a session of their own the broker would stop
 * at the same moment as the connector and the service still using it, and "broker last" could not
 * be kept. The launcher signals its children itself, in order.
 */
public final class ChildProcess {
    private static final Optional<Path> SETSID = findSetsid();
    /**
     * Runs the program with umask 077, so the files it creates are its owner's only. Java cannot set a
     * umask; the shell sets it and {@code exec}s the program in its own place, same PID.
     */
    private static final List<String> OWNER_ONLY_UMASK = List.of("/bin/sh", "-c", "umask 077 && exec \"$@\"", "sh");
    private static final Duration DESCENDANT_GRACE = Duration.ofSeconds(5);

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path workingDir;
    private final Path logFile;
    private volatile Process process;

    /**
     * @param environment variables added to the launcher's own environment
     */
    public ChildProcess(String name, List<String> command, Map<String, String> environment,
                        Path workingDir, Path logFile) {
        this.name = name;
        this.command = List.copyOf(command);
        this.environment = new LinkedHashMap<>(environment);
        this.workingDir = workingDir;
        this.logFile = logFile;
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return logFile;
    }

    public List<String> command() {
        return command;
    }

    /** A process not yet started that runs the same program in the same way: for a restart. */
    public ChildProcess fresh() {
        return new ChildProcess(name, command, environment, workingDir, logFile);
    }

    /**
     * Starts the program. The previous run's log is kept as {@code <log>.1}.
     *
     * @throws IOException when the program cannot be started
     */
    public synchronized void start() throws IOException {
        if (process != null) {
            throw new IllegalStateException(name + " was already started");
        }
        RunHome.createOwnerOnly(logFile.toAbsolutePath().getParent());
        if (Files.exists(logFile)) {
            Files.move(logFile, logFile.resolveSibling(logFile.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.createFile(logFile, RunHome.ownerOnlyFile(logFile.toAbsolutePath().getParent()));
        List<String> argv = new ArrayList<>();
        SETSID.ifPresent(s -> argv.add(s.toString()));
        if (Files.isExecutable(Path.of(OWNER_ONLY_UMASK.get(0)))) {
            argv.addAll(OWNER_ONLY_UMASK);
        }
        argv.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(argv)
                .directory(workingDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        pb.environment().putAll(environment);
        Process started = pb.start();
        // Nothing is ever typed to a child: end of input at once rather than a pipe held open.
        started.getOutputStream().close();
        process = started;
    }

    /** True from a successful {@link #start()} until the process has exited. */
    public boolean isStarted() {
        Process p = process;
        return p != null && p.isAlive();
    }

    public long pid() {
        Process p = process;
        return p == null ? -1 : p.pid();
    }

    /** The exit code once the process has exited. */
    public Optional<Integer> exitCode() {
        Process p = process;
        return p == null || p.isAlive() ? Optional.empty() : Optional.of(p.exitValue());
    }

    /** Completes when the process exits; never when it was not started. */
    public CompletableFuture<ChildProcess> onExit() {
        Process p = process;
        return p == null ? new CompletableFuture<>() : p.onExit().thenApply(x -> this);
    }

    /**
     * Asks the process to stop (SIGTERM), waits up to {@code grace}, then kills it. Any of its own
     * children still alive afterwards (a connector's workers, say) are stopped the same way, so
     * nothing started under this process outlives it.
     *
     * @return how it ended, for the log; empty when it was not running
     */
    public synchronized Optional<String> stop(Duration grace) throws InterruptedException {
        Process p = process;
        if (p == null) {
            return Optional.empty();
        }
        if (!p.isAlive()) {
            stopAll(p.descendants().toList(), DESCENDANT_GRACE);
            return Optional.empty();
        }
        String outcome = terminate(p.toHandle(), grace);
        if (outcome.startsWith("stopped") && p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            outcome = outcome.replaceFirst("stopped", "stopped (exit code " + p.exitValue() + ")");
        }
        return Optional.of(outcome);
    }

    /**
     * SIGTERM, up to {@code grace} to exit, then SIGKILL; descendants that outlive the process are
     * stopped too.
     *
     * @return "stopped" or "killed after N s", with the number of leftover descendants stopped
     */
    static String terminate(ProcessHandle handle, Duration grace) throws InterruptedException {
        List<ProcessHandle> descendants = handle.descendants().toList();
        handle.destroy();
        String outcome = "stopped";
        if (!awaitExit(handle, grace)) {
            handle.destroyForcibly();
            awaitExit(handle, grace);
            outcome = "killed after " + grace.toSeconds() + " s";
        }
        int leftovers = stopAll(descendants, DESCENDANT_GRACE);
        if (leftovers > 0) {
            outcome += ", " + leftovers + " leftover child process" + (leftovers == 1 ? "" : "es") + " stopped";
        }
        return outcome;
    }

    // Polling: ProcessHandle#onExit of a process that is not our child (a leftover of a killed
    // launcher) only notices the exit after seconds.
    private static boolean awaitExit(ProcessHandle handle, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (handle.isAlive()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    private static int stopAll(List<ProcessHandle> handles, Duration grace) throws InterruptedException {
        List<ProcessHandle> alive = handles.stream().filter(ProcessHandle::isAlive).toList();
        alive.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        while (alive.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        alive.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        return alive.size();
    }

    private static Optional<Path> findSetsid() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "setsid");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return name + (process == null ? "" : " (pid " + process.pid() + ")");
    }
}
