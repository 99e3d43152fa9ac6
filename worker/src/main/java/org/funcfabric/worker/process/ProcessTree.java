package org.funcfabric.worker.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Kills a child process together with everything it started. Descendants are found through
 * {@link ProcessHandle#descendants()}; on Linux the members of the child's process group are added
 * (read from {@code /proc}), which also catches background jobs already re-parented away from it.
 */
public final class ProcessTree {
    private static final Path PROC = Path.of("/proc");

    private ProcessTree() {
    }

    /** Forcibly kills {@code root}, its descendants and, when it leads one, its process group. */
    public static void kill(ProcessHandle root) {
        // Snapshot first: once the root dies its children are re-parented and no longer its descendants.
        List<ProcessHandle> victims = new ArrayList<>(root.descendants().toList());
        root.destroyForcibly();
        victims.addAll(groupMembers(root.pid()));
        victims.forEach(ProcessHandle::destroyForcibly);
    }

    /** Processes whose process group id is {@code pgid}; empty where {@code /proc} is not available. */
    static List<ProcessHandle> groupMembers(long pgid) {
        if (!Files.isDirectory(PROC)) {
            return List.of();
        }
        List<ProcessHandle> members = new ArrayList<>();
        try (Stream<Path> entries = Files.list(PROC)) {
            entries.map(p -> p.getFileName().toString())
                    .filter(name -> !name.isEmpty() && name.chars().allMatch(Character::isDigit))
                    .forEach(name -> {
                        if (processGroup(name).orElse(-1L) == pgid) {
                            ProcessHandle.of(Long.parseLong(name)).ifPresent(members::add);
                        }
                    });
        } catch (IOException e) {
            return members;
        }
        return members;
    }

    private static Optional<Long> processGroup(String pid) {
        try {
            String stat = Files.readString(PROC.resolve(pid).resolve("stat"));
            // "pid (comm) state ppid pgrp …": comm may hold spaces and parentheses, so parse after the last ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Optional.of(Long.parseLong(fields[2]));
        } catch (IOException | RuntimeException e) {
            // The process exited while we looked, or its stat is unreadable: it is not ours to kill.
            return Optional.empty();
        }
    }
}
