package org.funcfabric.bench.measure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import org.funcfabric.bench.report.Stats;

/**
 * Sequential round trips of a no-op, as the peers measure them: {@code warmups} untimed, then
 * {@code n} each timed from before the submit until the path has seen the task end.
 */
public final class Latency {
    private Latency() {
    }

    /** {@code <kind>_lat_<path>_p50_ms} and {@code _p99_ms}. */
    public static Map<String, Double> measure(RoundTripPath path, NoopKind kind, String functionId, int warmups, int n)
            throws InterruptedException, TimeoutException {
        for (int i = 0; i < warmups; i++) {
            Tasks.requireSuccess(path.roundTrip(functionId, kind.payload(i)));
        }
        List<Double> millis = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String payload = kind.payload(i);
            long t0 = System.nanoTime();
            Tasks.requireSuccess(path.roundTrip(functionId, payload));
            millis.add((System.nanoTime() - t0) / 1e6);
        }
        String prefix = kind.prefix() + "_lat_" + path.name();
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put(prefix + "_p50_ms", Stats.median(millis));
        figures.put(prefix + "_p99_ms", Stats.percentile(millis, 99));
        return figures;
    }
}
