package org.funcfabric.bench.measure;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.funcfabric.bench.report.Figures;
import org.funcfabric.bench.report.Stats;
import org.funcfabric.client.FuncFabricClient;
import org.funcfabric.client.WireFormat;
import org.funcfabric.client.model.FunctionRegistration;

/**
 * The workloads of one run against a started stack, in a fixed order; the functions are registered
 * once, before the first run.
 */
public final class Workloads {
    /** The local endpoint's task slots: the sleep workload's ideal is {@code SLOTS / 10 ms}. */
    public static final int SLOTS = 2;
    static final double SLEEP_SECONDS = 0.010;
    static final int BATCH = 1000;

    /**
     * The counts of one run.
     *
     * @param lat      timed round trips per kind and path
     * @param warmups  untimed round trips before them
     * @param tput     no-op tasks per kind for throughput
     * @param sleep    10 ms sleep tasks
     * @param javaMap  inputs of the Java map
     * @param javaMapChunk inputs per task of the Java map
     */
    public record Counts(int lat, int warmups, int tput, int sleep, int javaMap, int javaMapChunk) {
    }

    private final FuncFabricClient client;
    private final String endpointId;
    private final List<NoopKind> kinds;
    private final Counts counts;
    private final byte[] examplesJar;
    private final Consumer<String> log;
    private final Map<NoopKind, String> noops = new EnumMap<>(NoopKind.class);
    private final String sleep10;

    public Workloads(FuncFabricClient client, String endpointId, List<NoopKind> kinds, Counts counts,
                     byte[] examplesJar, Consumer<String> log) {
        this.client = client;
        this.endpointId = endpointId;
        this.kinds = List.copyOf(kinds);
        this.counts = counts;
        this.examplesJar = examplesJar;
        this.log = log;
        // Python's noop for submit_1000_ms whatever the kinds; Java's for the map.
        for (NoopKind kind : NoopKind.values()) {
            noops.put(kind, client.registerFunction(kind.registration(examplesJar)).functionUuid());
        }
        sleep10 = client.registerFunction(FunctionRegistration.python("sleep10",
                "def sleep10(x):\n    import time\n    time.sleep(" + SLEEP_SECONDS + ")\n    return x\n")).functionUuid();
    }

    /** Every figure of one run, in measuring order. */
    public Figures runOnce() throws InterruptedException, TimeoutException {
        Figures f = new Figures();
        Hops hops = null;
        for (NoopKind kind : kinds) {
            String fn = noops.get(kind);
            List<RoundTripPath> paths = List.of(new EventStreamPath(client, endpointId),
                    new LongPollPath(client, endpointId), new PollingPath(client, endpointId));
            for (RoundTripPath path : paths) {
                try (path) {
                    log.accept(kind + " no-op: " + counts.lat() + " round trips by " + path.name());
                    f.putAll(Latency.measure(path, kind, fn, counts.warmups(), counts.lat()));
                }
            }
            if (counts.tput() > 0) {
                log.accept(kind + " no-op: " + counts.tput() + " tasks for throughput");
                Throughput.Outcome t = Throughput.run(client, endpointId, fn, kind::payload, counts.tput(), BATCH);
                f.put(kind.prefix() + "_tput", t.tasksPerSecond());
                if (kind == NoopKind.PYTHON || hops == null) {
                    hops = t.hops();
                }
            }
        }
        if (counts.sleep() > 0) {
            log.accept(counts.sleep() + " tasks of 10 ms on " + SLOTS + " slots");
            Throughput.Outcome s = Throughput.run(client, endpointId, sleep10,
                    i -> WireFormat.payload(List.of(i), Map.of()), counts.sleep(), BATCH);
            f.put("sleep_tput", s.tasksPerSecond());
            f.put("sleep_eff", s.tasksPerSecond() / (SLOTS / SLEEP_SECONDS));
        }
        log.accept("one submit of " + BATCH + " Python no-ops");
        Throughput.Outcome one = Throughput.run(client, endpointId, noops.get(NoopKind.PYTHON),
                NoopKind.PYTHON::payload, BATCH, BATCH);
        f.put("submit_1000_ms", Stats.median(one.submitMillis()));
        if (counts.javaMap() > 0) {
            log.accept("Java no-op mapped over " + counts.javaMap() + " inputs, " + counts.javaMapChunk() + " per task");
            f.put("java_map_calls_s", JavaMap.callsPerSecond(client, endpointId, NoopKind.javaNoop(examplesJar),
                    counts.javaMap(), counts.javaMapChunk()));
        }
        if (hops != null) {
            f.putAll(hops.medians());
        }
        return f;
    }
}
