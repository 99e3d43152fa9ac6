package org.funcfabric.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The peers' lines as celery_bench.sh and dask_bench.sh print them (common.sh summarize). */
class PeerSummaryTest {
    static final String CELERY = "celery(backend=redis,c=2,n=20000,sleepN=4000): lat_p50_ms=1.47(1.40-1.60) "
            + "lat_p99_ms=4.77(4.50-5.10) lat_mean_ms=1.62(1.55-1.70) lat_max_ms=9.12(8.00-12.3) noop_tps=1024(990-1100) "
            + "noop_submit_tps=2210(2100-2300) noop_wall_s=19.5(18.2-20.2) sleep10_tps=186(180-190) "
            + "sleep10_submit_tps=2150(2000-2200) sleep10_wall_s=21.5(21.0-22.2) runs=3";
    static final String DASK = "dask(workers=2x1thread,n=20000): lat_p50_ms=10.8 lat_p99_ms=14.2 lat_mean_ms=11.1 "
            + "lat_max_ms=20.3 noop_tps=663 noop_submit_tps=5120 noop_wall_s=30.2 runs=1";

    @Test
    void readsTheNameAndEachMedian() {
        PeerSummary celery = PeerSummary.parse(CELERY).orElseThrow();
        assertEquals("celery", celery.name());
        assertEquals(1.47, celery.median("lat_p50_ms").orElseThrow());
        assertEquals(1024.0, celery.median("noop_tps").orElseThrow());
        assertEquals(186.0, celery.median("sleep10_tps").orElseThrow());
        PeerSummary dask = PeerSummary.parse(DASK).orElseThrow();
        assertEquals("dask", dask.name());
        assertEquals(10.8, dask.median("lat_p50_ms").orElseThrow());
        assertTrue(dask.median("sleep10_tps").isEmpty());
    }

    @Test
    void ignoresPerRunAndLogLines() {
        assertTrue(PeerSummary.parse("celery run 1/3: lat_p50_ms=1.470 lat_p99_ms=4.770 load1=0.52").isEmpty());
        assertTrue(PeerSummary.parse("dask run 2/3: lat_p50_ms=10.8 noop_tps=663.0 load1=1.1").isEmpty());
        assertTrue(PeerSummary.parse("[08:31:02] starting rabbitmq-server -detached").isEmpty());
        assertTrue(PeerSummary.parse("run 1: py_lat_sse_p50_ms=5.1 load1=0.3").isEmpty());
    }

    @Test
    void readsOurOwnSummaryAndPrintsRatios() {
        Figures run = new Figures().put("py_lat_sse_p50_ms", 14.7).put("py_lat_sse_p99_ms", 30).put("py_tput", 512)
                .put("sleep_tput", 93);
        String ours = "funcfabric: " + Summary.of(List.of(run));
        PeerSummary parsed = PeerSummary.parse(ours).orElseThrow();
        assertEquals("funcfabric", parsed.name());
        assertEquals(512.0, parsed.median("py_tput").orElseThrow());

        Map<String, Double> medians = Summary.medians(List.of(run));
        assertEquals("ratio vs celery: lat_p50=10x lat_p99=6.29x tput=0.5x sleep_tput=0.5x",
                Ratios.line(medians, PeerSummary.parse(CELERY).orElseThrow()));
        assertEquals("ratio vs dask: lat_p50=1.36x lat_p99=2.11x tput=0.772x",
                Ratios.line(medians, PeerSummary.parse(DASK).orElseThrow()));
    }
}
