package org.funcfabric.bench.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The statistics of the peer baselines, computed the same way (Python's {@code statistics.median}, their {@code pct}). */
public final class Stats {
    private Stats() {
    }

    /** The middle value, or the mean of the two middle ones. */
    public static double median(List<Double> values) {
        List<Double> s = sorted(values);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    /** The nearest-rank percentile: the value at rank ceil(p/100 × n). */
    public static double percentile(List<Double> values, double p) {
        List<Double> s = sorted(values);
        return s.get(Math.max(0, (int) Math.ceil(p / 100 * s.size()) - 1));
    }

    private static List<Double> sorted(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        List<Double> s = new ArrayList<>(values);
        Collections.sort(s);
        return s;
    }
}
