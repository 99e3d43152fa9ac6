package org.funcfabric.bench.report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A summary line of a peer baseline, e.g. {@code celery(backend=redis,c=2,n=20000,sleepN=4000):
 * lat_p50_ms=1.47(1.40-1.60) noop_tps=1024(990-1100) runs=3}: the name before the settings, and each
 * key's median.
 */
public record PeerSummary(String name, Map<String, Double> medians) {
    private static final Pattern LINE = Pattern.compile("^([a-z][a-z0-9_-]*)(\\([^)]*\\))?: (.*)$");
    private static final Pattern FIGURE = Pattern.compile("([a-z0-9_]+)=(-?[0-9.]+(?:[eE][-+]?[0-9]+)?)(\\(.*\\))?");

    /** The summary in {@code line}; empty for any other line (a per-run line, a log line). */
    public static Optional<PeerSummary> parse(String line) {
        Matcher m = LINE.matcher(line.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        Map<String, Double> medians = new LinkedHashMap<>();
        for (String token : m.group(3).trim().split("\\s+")) {
            Matcher f = FIGURE.matcher(token);
            if (f.matches()) {
                medians.put(f.group(1), Double.parseDouble(f.group(2)));
            }
        }
        return medians.isEmpty() ? Optional.empty() : Optional.of(new PeerSummary(m.group(1), medians));
    }

    public Optional<Double> median(String key) {
        return Optional.ofNullable(medians.get(key));
    }
}
