package org.funcfabric.connector.provider;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One worker slot of the local provider: the current worker process in it, restarted after it exits.
 *
 * <p>Restarts back off from {@link #FIRST_BACKOFF}, doubling up to {@link #LONGEST_BACKOFF}, so a
 * worker that cannot start does not spin; a worker that ran {@link #HEALTHY_RUN} or longer counts as
 * healthy and its next restart is quick again. A worker that exits with code 2 (its own "fix your
 * configuration" code) right after starting, twice in a row, gets the last line of its log logged,
 * since that line says what to fix.
 */
final class WorkerProcess {
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration LONGEST_BACKOFF = Duration.ofSeconds(30);
    static final Duration HEALTHY_RUN = Duration.ofSeconds(60);
    static final Duration STARTUP = Duration.ofSeconds(10);
    static final int CONFIG_ERROR = 2;

    private static final Logger LOG = Logger.getLogger(WorkerProcess.class.getName());
    private static final int TAIL_BYTES = 4096;

    private final int index;
    private final WorkerLaunch launch;
    private final ScheduledExecutorService scheduler;

    private Process process;
    private Instant startedAt;
    private Duration backoff = FIRST_BACKOFF;
    private int startupConfigErrors;
    private ScheduledFuture<?> pendingRestart;
    private boolean stopping;

    WorkerProcess(int index, WorkerLaunch launch, ScheduledExecutorService scheduler) {
        this.index = index;
        this.launch = launch;
        this.scheduler = scheduler;
    }

    /**
     * Starts the first worker process.
     *
     * @throws IOException when the process cannot be started at all
     */
    synchronized void start() throws IOException {
        stopping = false;
        launchProcess();
    }

    synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    synchronized Optional<ProcessHandle> handle() {
        return Optional.ofNullable(process).map(Process::toHandle);
    }

    /** Asks the worker to stop (SIGTERM) and cancels any pending restart. */
    synchronized void terminate() {
        stopping = true;
        if (pendingRestart != null) {
            pendingRestart.cancel(false);
        }
        if (process != null) {
            process.destroy();
        }
    }

    /** Waits for the worker to exit until {@code deadline}, then kills it and its children. */
    void awaitExit(Instant deadline) throws InterruptedException {
        Process current;
        synchronized (this) {
            current = process;
        }
        if (current != null) {
            long remaining = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
            if (!current.waitFor(remaining, TimeUnit.MILLISECONDS)) {
                LOG.warning(() -> name(current) + " did not stop in time; killing it");
                current.descendants().forEach(ProcessHandle::destroyForcibly);
                current.destroyForcibly();
                current.waitFor();
            }
        }
        deletePidFile();
    }

    private void launchProcess() throws IOException {
        Path log = launch.logFile(index);
        ProcessBuilder builder = new ProcessBuilder(launch.java().toString(), "-jar", launch.workerJar().toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(WorkerLaunch::isSecret);
        builder.environment().putAll(launch.environment());
        if (launch.brokerPassword() != null) {
            builder.environment().put(WorkerLaunch.PASSWORD_FILE, launch.passwordFile().toString());
        }
        builder.environment().put(WorkerLaunch.WORKER_ID, workerId());
        Process started = builder.start();
        process = started;
        startedAt = Instant.now();
        writePidFile(started.pid());
        LOG.info(() -> name(started) + " started, log in " + log);
        started.onExit().thenAccept(this::exited);
    }

    private synchronized void exited(Process exitedProcess) {
        if (stopping || exitedProcess != process) {
            return;
        }
        Duration ran = Duration.between(startedAt, Instant.now());
        if (ran.compareTo(HEALTHY_RUN) >= 0) {
            backoff = FIRST_BACKOFF;
        }
        int code = exitedProcess.exitValue();
        LOG.warning(() -> name(exitedProcess) + " exited with code " + code + " after "
                + ran.toMillis() / 1000.0 + " s; restarting in " + backoff.toSeconds() + " s");
        if (code == CONFIG_ERROR && ran.compareTo(STARTUP) < 0) {
            startupConfigErrors++;
            if (startupConfigErrors >= 2) {
                LOG.severe(() -> "worker " + index + " keeps failing at start with a configuration error; its log"
                        + " ends with: " + lastLine(launch.logFile(index)).orElse("(empty)"));
            }
        } else {
            startupConfigErrors = 0;
        }
        scheduleRestart();
    }

    private void scheduleRestart() {
        pendingRestart = scheduler.schedule(this::restart, backoff.toMillis(), TimeUnit.MILLISECONDS);
        Duration doubled = backoff.multipliedBy(2);
        backoff = doubled.compareTo(LONGEST_BACKOFF) > 0 ? LONGEST_BACKOFF : doubled;
    }

    private synchronized void restart() {
        if (stopping) {
            return;
        }
        try {
            launchProcess();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "worker " + index + " could not be restarted; trying again in "
                    + backoff.toSeconds() + " s", e);
            scheduleRestart();
        }
    }

    private String workerId() {
        byte[] random = new byte[3];
        ThreadLocalRandom.current().nextBytes(random);
        return launch.workerName() + "-w" + index + "-" + HexFormat.of().formatHex(random);
    }

    private String name(Process worker) {
        return "worker " + index + " (pid " + worker.pid() + ")";
    }

    private void writePidFile(long pid) throws IOException {
        Path pidFile = launch.pidFile(index);
        Path temporary = pidFile.resolveSibling(pidFile.getFileName() + ".tmp");
        // readers (tests, operators) never see a half-written PID
        Files.writeString(temporary, pid + "\n", StandardCharsets.US_ASCII);
        Files.move(temporary, pidFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void deletePidFile() {
        try {
            Files.deleteIfExists(launch.pidFile(index));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot delete " + launch.pidFile(index), e);
        }
    }

    /** The last non-blank line of a log, read from its end so a large log costs nothing. */
    static Optional<String> lastLine(Path log) {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long start = Math.max(0, file.length() - TAIL_BYTES);
            byte[] tail = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(tail);
            String[] lines = new String(tail, StandardCharsets.UTF_8).split("\\R");
            for (int i = lines.length - 1; i >= 0; i--) {
                if (!lines[i].isBlank()) {
                    return Optional.of(lines[i].strip());
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
