package org.funcfabric.launcher.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class BackoffTest {
    private static final Duration CRASHED_AT_ONCE = Duration.ofMillis(100);

    @Test
    void standardDoublesFromOneSecondToThirty() {
        Backoff backoff = Backoff.standard();

        List<Long> seconds = IntStream.range(0, 8).mapToObj(i -> backoff.delayAfter(CRASHED_AT_ONCE).toSeconds()).toList();

        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L), seconds);
    }

    @Test
    void aMinuteUpStartsOverAtOneSecond() {
        Backoff backoff = Backoff.standard();
        IntStream.range(0, 6).forEach(i -> backoff.delayAfter(CRASHED_AT_ONCE));

        assertEquals(Duration.ofSeconds(30), backoff.delayAfter(Duration.ofSeconds(59)));
        assertEquals(Duration.ofSeconds(1), backoff.delayAfter(Duration.ofSeconds(60)));
        assertEquals(Duration.ofSeconds(2), backoff.delayAfter(CRASHED_AT_ONCE));
    }
}
