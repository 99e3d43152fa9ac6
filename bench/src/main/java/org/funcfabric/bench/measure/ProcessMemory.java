package org.funcfabric.bench.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.funcfabric.bench.stack.LaunchedStack;

/**
 * The peak resident memory ({@code VmHWM} of {@code /proc/<pid>/status}) of each process of the stack
 * since it started: broker, service, connector, and the workers (every process below the connector:
 * worker JVMs and their Python interpreters, summed). Linux only; elsewhere the figures are absent.
 */
public final class ProcessMemory {
    private static final List<String> CHILDREN = List.of("broker", "service", "connector");

    private ProcessMemory() {
    }

    /** {@code rss_broker_mb}, {@code rss_service_mb}, {@code rss_connector_mb}, {@code rss_workers_mb}. */
    public static Map<String, Double> peaks(LaunchedStack stack) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String child : CHILDREN) {
            OptionalLong pid = stack.childPid(child);
            if (pid.isEmpty()) {
                continue;
            }
            peakKb(pid.getAsLong()).ifPresent(kb -> out.put("rss_" + child + "_mb", kb / 1024.0));
            if (child.equals("connector")) {
                long workers = ProcessHandle.of(pid.getAsLong()).stream().flatMap(ProcessHandle::descendants)
                        .mapToLong(h -> peakKb(h.pid()).orElse(0)).sum();
                out.put("rss_workers_mb", workers / 1024.0);
            }
        }
        return out;
    }

    static OptionalLong peakKb(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(l -> l.startsWith("VmHWM:"))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
                    .findFirst();
        } catch (IOException | NumberFormatException e) {
            // Gone, or not Linux.
            return OptionalLong.empty();
        }
    }
}
