package org.funcfabric.worker.java;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A function's exception as the client reads it: {@link Throwable#printStackTrace()}'s text, causes and
 * suppressed exceptions included, without the worker's frames below the function (the client cannot act on
 * them), as the Python runner leaves its own frame out of a traceback.
 */
final class StackTraces {
    private static final String WORKER_FRAME = "at org.funcfabric.worker.";
    private static final Pattern MORE = Pattern.compile("\\.\\.\\. (\\d+) more");

    private StackTraces() {
    }

    static String of(Throwable t) {
        StringWriter text = new StringWriter();
        t.printStackTrace(new PrintWriter(text));
        List<String> lines = text.toString().lines().toList();
        // The frames under the call into the function, shared by the exception and its causes.
        int workerFrames = workerFrames(lines);
        List<String> kept = new ArrayList<>();
        boolean inWorker = false;
        for (String line : lines) {
            String frame = line.strip();
            Matcher more = MORE.matcher(frame);
            if (frame.startsWith("at ")) {
                // In each trace, the first worker frame is the call into the function; the rest is the worker's.
                inWorker |= frame.startsWith(WORKER_FRAME);
                if (!inWorker) {
                    kept.add(line);
                }
            } else if (more.matches()) {
                // "... n more" counts the frames a cause shares with the trace around it, the worker's among them.
                int shown = Integer.parseInt(more.group(1)) - workerFrames;
                if (!inWorker && shown > 0) {
                    kept.add(line.replace(frame, "... " + shown + " more"));
                }
            } else {
                inWorker = false;
                kept.add(line);
            }
        }
        return String.join("\n", kept);
    }

    private static int workerFrames(List<String> lines) {
        int frames = 0;
        for (String line : lines.subList(1, lines.size())) {
            String frame = line.strip();
            if (!frame.startsWith("at ")) {
                break;
            }
            if (frames > 0 || frame.startsWith(WORKER_FRAME)) {
                frames++;
            }
        }
        return frames;
    }
}
