package org.funcfabric.bench.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The figures of one run, {@code key=value} in the order they were measured, as one line. */
public final class Figures {
    private final Map<String, Double> values = new LinkedHashMap<>();

    public Figures put(String key, double value) {
        if (!key.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("not a figure name: " + key);
        }
        values.put(key, value);
        return this;
    }

    public Figures putAll(Map<String, Double> figures) {
        figures.forEach(this::put);
        return this;
    }

    public Map<String, Double> values() {
        return Collections.unmodifiableMap(values);
    }

    /** Keys in measuring order. */
    public Iterable<String> keys() {
        return values.keySet();
    }

    /** {@code key=value …}, three decimals below 100 (milliseconds, fractions), one above. */
    public String line() {
        return values.entrySet().stream()
                .map(e -> e.getKey() + "=" + String.format(Locale.ROOT, Math.abs(e.getValue()) >= 100 ? "%.1f" : "%.3f", e.getValue()))
                .collect(Collectors.joining(" "));
    }
}
