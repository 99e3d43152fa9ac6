package org.funcfabric.bench.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The summary over runs in the peer baselines' format ({@code common.sh summarize}):
 * {@code key=median(min-max) … runs=N}, numbers of 100 and more as integers, smaller ones with three
 * significant digits; the range only with more than one run.
 */
public final class Summary {
    private Summary() {
    }

    public static String of(List<Figures> runs) {
        List<String> out = new ArrayList<>();
        for (String key : keys(runs)) {
            List<Double> v = values(runs, key);
            double max = v.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            double min = v.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            boolean whole = max >= 100;
            String s = key + "=" + format(Stats.median(v), whole);
            if (v.size() > 1) {
                s += "(" + format(min, whole) + "-" + format(max, whole) + ")";
            }
            out.add(s);
        }
        out.add("runs=" + runs.size());
        return String.join(" ", out);
    }

    /** Each key's median over the runs. */
    public static Map<String, Double> medians(List<Figures> runs) {
        Map<String, Double> out = new LinkedHashMap<>();
        keys(runs).forEach(k -> out.put(k, Stats.median(values(runs, k))));
        return out;
    }

    private static Set<String> keys(List<Figures> runs) {
        Set<String> keys = new LinkedHashSet<>();
        runs.forEach(r -> r.keys().forEach(keys::add));
        return keys;
    }

    private static List<Double> values(List<Figures> runs, String key) {
        return runs.stream().map(r -> r.values().get(key)).filter(x -> x != null).toList();
    }

    /** Python's {@code f"{x:.0f}"} or {@code f"{x:.3g}"} for the magnitudes a benchmark prints. */
    static String format(double x, boolean whole) {
        if (whole) {
            return String.format(Locale.ROOT, "%.0f", x);
        }
        if (x == 0) {
            return "0";
        }
        return new BigDecimal(x).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }
}
