package org.funcfabric.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The same text as the peers' common.sh summarize for the same runs. */
class SummaryTest {
    @Test
    void medianMinAndMaxInThePeersFormat() {
        List<Figures> runs = List.of(
                new Figures().put("lat_p50_ms", 1.40).put("tput", 990.4),
                new Figures().put("lat_p50_ms", 1.6).put("tput", 1100),
                new Figures().put("lat_p50_ms", 1.4712).put("tput", 1024.2));
        assertEquals("lat_p50_ms=1.47(1.4-1.6) tput=1024(990-1100) runs=3", Summary.of(runs));
    }

    @Test
    void oneRunHasNoRange() {
        assertEquals("sleep_eff=0.931 submit_1000_ms=212 runs=1",
                Summary.of(List.of(new Figures().put("sleep_eff", 0.93148).put("submit_1000_ms", 212.4))));
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertEquals(2.5, Stats.median(List.of(4.0, 1.0, 3.0, 2.0)));
        assertEquals(99.0, Stats.percentile(java.util.stream.IntStream.rangeClosed(1, 100).mapToObj(i -> (double) i).toList(), 99));
    }
}
