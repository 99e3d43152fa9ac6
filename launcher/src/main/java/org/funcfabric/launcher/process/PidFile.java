package org.funcfabric.launcher.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.funcfabric.launcher.home.RunHome;

/**
 * The children of the running launcher, one line each ({@code name pid start-millis}), so that a
 * launcher that was killed outright (SIGKILL, out of memory) does not leave them running for ever:
 * the next start finds them here and stops them. Children run in sessions of their own (see
 * {@link ChildProcess}), so nothing else would. The start time tells a process of ours from an
 * unrelated one that got the same pid later.
 */
public final class PidFile {
    private final Path file;

    public PidFile(Path file) {
        this.file = file;
    }

    /**
     * Records the child {@code name} as running under {@code pid}, in place of an earlier process of
     * the same name (a restarted one): the file always names the processes running now, which is also
     * where tests and operators look for them.
     */
    public synchronized void add(String name, long pid) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        long start = handle.flatMap(h -> h.info().startInstant()).map(Instant::toEpochMilli).orElse(-1L);
        try {
            List<String> lines = new ArrayList<>(Files.exists(file)
                    ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of());
            lines.removeIf(l -> l.startsWith(name + " "));
            lines.add(name + " " + pid + " " + start);
            RunHome.writePrivate(file, String.join("\n", lines) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public synchronized void clear() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A stale file only makes the next start check processes that are gone.
        }
    }

    /**
     * Stops the processes a previous launcher recorded and that are still running, last started
     * first, then forgets them.
     *
     * @return "broker (pid 123) stopped" for each one
     */
    public synchronized List<String> stopLeftovers(Duration grace) throws InterruptedException {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<String> stopped = new ArrayList<>();
        for (int i = lines.size() - 1; i >= 0; i--) {
            String[] f = lines.get(i).trim().split(" ");
            if (f.length != 3) {
                continue;
            }
            try {
                long pid = Long.parseLong(f[1]);
                long start = Long.parseLong(f[2]);
                Optional<ProcessHandle> h = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                        .filter(p -> p.info().startInstant().map(Instant::toEpochMilli).orElse(-2L) == start);
                if (h.isPresent()) {
                    stopped.add(f[0] + " (pid " + pid + ") " + ChildProcess.terminate(h.get(), grace));
                }
            } catch (NumberFormatException e) {
                // not a line this class wrote
            }
        }
        clear();
        return stopped;
    }
}
