package org.funcfabric.launcher.process;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/** The end of a log file, for telling the user why a child process failed. */
public final class LogTail {
    // A failed Payara start writes long stack traces; the cause is near the end.
    private static final int MAX_BYTES = 1 << 20;

    private LogTail() {
    }

    /** The last {@code n} lines that match {@code filter}; empty when the file is missing or unreadable. */
    public static List<String> last(Path file, int n, Predicate<String> filter) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            long start = Math.max(0, length - MAX_BYTES);
            byte[] bytes = new byte[(int) (length - start)];
            raf.seek(start);
            raf.readFully(bytes);
            List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines()
                    .skip(start > 0 ? 1 : 0) // the first line is cut
                    .filter(l -> !l.isBlank())
                    .filter(filter)
                    .toList();
            return lines.subList(Math.max(0, lines.size() - n), lines.size());
        } catch (IOException e) {
            return List.of();
        }
    }

    public static List<String> last(Path file, int n) {
        return last(file, n, l -> true);
    }
}
