package org.funcfabric.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * FuncFabric's medians divided by a peer's, for the figures both measure the same way: Python no-op
 * round trips against the peer's round trips, no-op and 10 ms sleep throughput against the peer's. A
 * latency ratio above 1 and a throughput ratio below 1 mean FuncFabric is slower.
 */
public final class Ratios {
    /** Our key, the peer's key and the name printed, for every figure the peers measure. */
    private record Pair(String ours, String theirs, String shown) {
    }

    private static final List<Pair> PAIRS = List.of(
            new Pair("py_lat_sse_p50_ms", "lat_p50_ms", "lat_p50"),
            new Pair("py_lat_sse_p99_ms", "lat_p99_ms", "lat_p99"),
            new Pair("py_lat_wait_p50_ms", "lat_p50_ms", "lat_wait_p50"),
            new Pair("py_lat_poll_p50_ms", "lat_p50_ms", "lat_poll_p50"),
            new Pair("py_tput", "noop_tps", "tput"),
            new Pair("sleep_tput", "sleep10_tps", "sleep_tput"));

    private Ratios() {
    }

    /** {@code ratio vs celery: lat_p50=38x … tput=0.17x}; only figures both sides have. */
    public static String line(Map<String, Double> ourMedians, PeerSummary peer) {
        List<String> parts = new ArrayList<>();
        for (Pair p : PAIRS) {
            Optional<Double> theirs = peer.median(p.theirs()).filter(v -> v > 0);
            Double ours = ourMedians.get(p.ours());
            if (theirs.isPresent() && ours != null) {
                double r = ours / theirs.get();
                parts.add(p.shown() + "=" + Summary.format(r, r >= 100) + "x");
            }
        }
        return "ratio vs " + peer.name() + ": " + (parts.isEmpty() ? "(no common figures)" : String.join(" ", parts));
    }
}
