package org.funcfabric.connector.provider;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the endpoint's workers as local child processes: {@code worker-1} … {@code worker-N}, each with
 * its log and PID file under the endpoint directory, each restarted with back-off when it exits.
 * {@link #stop()} sends SIGTERM to all, waits up to {@link #STOP_TIMEOUT}, then kills what is left.
 */
public final class LocalProcessProvider {
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = Logger.getLogger(LocalProcessProvider.class.getName());

    private final WorkerLaunch launch;
    private final int workers;
    private final List<WorkerProcess> processes = new ArrayList<>();
    private ScheduledExecutorService restarts;

    public LocalProcessProvider(WorkerLaunch launch, int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1: " + workers);
        }
        this.launch = launch;
        this.workers = workers;
    }

    /**
     * Starts the workers, after stopping any that a previous connector left running on this
     * endpoint directory (a connector killed with SIGKILL cannot stop its children).
     *
     * @throws IOException when the directories cannot be made or a worker cannot be started at all
     */
    public synchronized void start() throws IOException {
        if (restarts != null) {
            return;
        }
        OwnerOnlyFiles.directory(launch.logDir());
        OwnerOnlyFiles.directory(launch.pidDir());
        stopLeftovers();
        if (launch.brokerPassword() != null) {
            OwnerOnlyFiles.write(launch.passwordFile(), launch.brokerPassword());
        }
        restarts = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "worker-restarts");
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (int index = 1; index <= workers; index++) {
                WorkerProcess worker = new WorkerProcess(index, launch, restarts);
                processes.add(worker);
                worker.start();
            }
        } catch (IOException e) {
            stop();
            throw e;
        }
    }

    /** Stops every worker: SIGTERM, up to {@link #STOP_TIMEOUT} to exit, then SIGKILL. */
    public void stop() {
        List<WorkerProcess> stopping;
        synchronized (this) {
            if (restarts == null) {
                return;
            }
            stopping = List.copyOf(processes);
            processes.clear();
            restarts.shutdownNow();
            restarts = null;
        }
        stopping.forEach(WorkerProcess::terminate);
        Instant deadline = Instant.now().plus(STOP_TIMEOUT);
        try {
            for (WorkerProcess worker : stopping) {
                worker.awaitExit(deadline);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping.forEach(worker -> worker.handle().ifPresent(ProcessHandle::destroyForcibly));
        }
        try {
            Files.deleteIfExists(launch.passwordFile());
        } catch (IOException e) {
            LOG.warning(() -> "cannot delete the broker password file " + launch.passwordFile() + ": " + e);
        }
        LOG.info(() -> stopping.size() + " worker(s) stopped");
    }

    public synchronized boolean isStarted() {
        return restarts != null;
    }

    /** Workers whose process is running now. */
    public synchronized int liveWorkers() {
        return (int) processes.stream().filter(WorkerProcess::isAlive).count();
    }

    private void stopLeftovers() throws IOException {
        try (DirectoryStream<Path> pidFiles = Files.newDirectoryStream(launch.pidDir(), "worker-*.pid")) {
            for (Path pidFile : pidFiles) {
                readPid(pidFile).flatMap(ProcessHandle::of).filter(this::runsOurWorkerJar)
                        .ifPresent(this::stopLeftover);
                Files.delete(pidFile);
            }
        }
    }

    /** A PID file may outlive its process and the PID be reused: only a process of our jar is ours. */
    private boolean runsOurWorkerJar(ProcessHandle process) {
        return process.info().commandLine()
                .map(commandLine -> commandLine.contains(launch.workerJar().toString()))
                .orElse(false);
    }

    private void stopLeftover(ProcessHandle leftover) {
        LOG.warning(() -> "stopping worker pid " + leftover.pid() + " left running by a previous connector");
        leftover.destroy();
        try {
            leftover.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            leftover.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            leftover.destroyForcibly();
        }
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            return Optional.of(Long.parseLong(Files.readString(pidFile).strip()));
        } catch (IOException | NumberFormatException e) {
            LOG.log(Level.FINE, "ignoring unreadable " + pidFile, e);
            return Optional.empty();
        }
    }
}
