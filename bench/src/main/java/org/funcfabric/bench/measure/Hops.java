package org.funcfabric.bench.measure;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.funcfabric.bench.report.Stats;
import org.funcfabric.client.model.TaskDocument;

/**
 * The time between consecutive hops of the task path, from each task's {@code details.task_transitions}
 * (epoch seconds with millisecond precision, API.md): {@code hop_received_dispatched_ms} and so on,
 * the median over every task seen. A hop a task lacks ({@code result-sent}) joins its neighbours.
 */
public final class Hops {
    static final List<String> ORDER = List.of("received", "dispatched", "delivered", "execution-start",
            "execution-end", "result-sent", "completed");

    private final Map<String, List<Double>> millis = new LinkedHashMap<>();

    public synchronized void accept(TaskDocument task) {
        if (task.details() == null || !(task.details().get("task_transitions") instanceof Map<?, ?> transitions)) {
            return;
        }
        String previous = null;
        double previousAt = 0;
        for (String hop : ORDER) {
            if (!(transitions.get(hop) instanceof Number || transitions.get(hop) instanceof String)) {
                continue;
            }
            double at = new BigDecimal(transitions.get(hop).toString()).doubleValue();
            if (previous != null) {
                millis.computeIfAbsent(key(previous, hop), k -> new ArrayList<>()).add((at - previousAt) * 1000);
            }
            previous = hop;
            previousAt = at;
        }
    }

    /** The median of each hop, in path order. */
    public synchronized Map<String, Double> medians() {
        Map<String, Double> out = new LinkedHashMap<>();
        millis.forEach((k, v) -> out.put(k, Stats.median(v)));
        return out;
    }

    static String key(String from, String to) {
        return ("hop_" + from + "_" + to + "_ms").replace('-', '_');
    }
}
