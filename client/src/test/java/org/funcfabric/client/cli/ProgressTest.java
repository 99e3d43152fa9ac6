package org.funcfabric.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void lineShowsDoneFailedPendingRateAndEta() {
        Progress p = new Progress(1000, 809, 3, 41.2, Duration.ofSeconds(20));

        assertEquals("812/1000 done (81%): 3 failed, 188 pending; 41.2 tasks/s, ETA 0:05", p.line());
        assertFalse(p.finished());
    }

    @Test
    void etaIsUnknownWhileNothingEndedSinceTheStart() {
        Progress p = new Progress(10, 0, 0, 0.0, Duration.ofSeconds(3));

        assertNull(p.eta());
        assertTrue(p.line().endsWith("0.0 tasks/s, ETA --"), p.line());
    }

    @Test
    void barFillsWithTheShareDone() {
        Progress half = new Progress(10, 5, 0, 1.0, Duration.ZERO);

        assertTrue(half.bar().startsWith("[" + "#".repeat(15) + ".".repeat(15) + "] 5/10 done (50%)"), half.bar());
    }

    @Test
    void summaryNamesThePendingOnlyWhenUnfinished() {
        assertEquals("1000 tasks: 997 succeeded, 3 failed in 1:04",
                new Progress(1000, 997, 3, 15.6, Duration.ofSeconds(64)).summary());
        assertEquals("10 tasks: 4 succeeded, 1 failed, 5 pending in 0:09",
                new Progress(10, 4, 1, 1, Duration.ofMillis(9500)).summary());
    }

    @Test
    void clockShowsHoursFromAnHour() {
        assertEquals("0:00", Progress.clock(Duration.ZERO));
        assertEquals("59:59", Progress.clock(Duration.ofSeconds(3599)));
        assertEquals("1:00:01", Progress.clock(Duration.ofSeconds(3601)));
    }
}
