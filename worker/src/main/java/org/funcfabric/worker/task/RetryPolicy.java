package org.funcfabric.worker.task;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.funcfabric.protocol.FailureType;

/**
 * Whether a failed attempt of a task is tried again (TaskMessage {@code retryOn}, {@code maxRetries}); the
 * service queues the next attempt after the back-off. An error's types are read from its text: every line that
 * starts, unindented, with a type name followed by a colon or the line's end — a Python traceback's last
 * line and the exceptions chained before it, a Java stack trace's first line and its {@code Caused by:}
 * lines, and the one line of the worker's own errors ({@code OSError: …}). A retry name matches a type by
 * its qualified or simple name. {@code "*"} matches every error except {@link FailureType#TASK_TIMEOUT},
 * which is retried only when named: a task that ran out of time would usually run out of it again.
 */
public final class RetryPolicy {
    private static final String ANY = "*";
    private static final Pattern TYPE_LINE = Pattern.compile(
            "^(?:Caused by: )?(?:input #\\d+ of \\d+: )?([A-Za-z_$][\\w$]*(?:\\.[A-Za-z_$][\\w$]*)*)(?::|$)");

    private RetryPolicy() {
    }

    /** Whether an attempt that failed with {@code exception} may be retried under {@code retryOn}. */
    public static boolean retries(String exception, List<String> retryOn) {
        if (retryOn == null || retryOn.isEmpty()) {
            return false;
        }
        Set<String> types = errorTypes(exception);
        if (types.contains(FailureType.WORKER_LOST.toString())) {
            return false;
        }
        for (String name : retryOn) {
            if (ANY.equals(name) && !types.contains(FailureType.TASK_TIMEOUT.toString())) {
                return true;
            }
            if (types.stream().anyMatch(type -> names(type, name))) {
                return true;
            }
        }
        return false;
    }

    /** The exception types named in an error text, in order of appearance. */
    static Set<String> errorTypes(String exception) {
        Set<String> types = new LinkedHashSet<>();
        if (exception == null) {
            return types;
        }
        exception.lines().forEach(line -> {
            Matcher m = TYPE_LINE.matcher(line);
            if (m.find()) {
                types.add(m.group(1));
            }
        });
        return types;
    }

    private static boolean names(String type, String name) {
        return type.equals(name) || type.endsWith("." + name) || type.endsWith("$" + name);
    }
}
