package org.funcfabric.api.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RateWindowTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBurstUpToTheLimitPassesThenTheNextWaitsForOneRequestsWorth() {
        RateWindow window = new RateWindow(20, Duration.ofSeconds(10));
        for (int i = 0; i < 20; i++) {
            assertEquals(OptionalLong.empty(), window.acquire("alice", 0), "request " + i);
        }
        OptionalLong wait = window.acquire("alice", 0);
        assertTrue(wait.isPresent());
        assertEquals(SECOND / 2, wait.getAsLong(), SECOND / 1000, "20 per 10 s earns one back every 0.5 s");
        assertEquals(OptionalLong.empty(), window.acquire("alice", SECOND / 2));
        assertTrue(window.acquire("alice", SECOND / 2).isPresent());
    }

    @Test
    void usersHaveSeparateBudgets() {
        RateWindow window = new RateWindow(1, Duration.ofSeconds(10));
        assertEquals(OptionalLong.empty(), window.acquire("alice", 0));
        assertTrue(window.acquire("alice", 0).isPresent());
        assertEquals(OptionalLong.empty(), window.acquire("bob", 0));
    }

    @Test
    void aQuietUserGetsTheWholeBurstBackButNoMore() {
        RateWindow window = new RateWindow(2, Duration.ofSeconds(10));
        window.acquire("alice", 0);
        window.acquire("alice", 0);
        long muchLater = 3600 * SECOND;
        assertEquals(OptionalLong.empty(), window.acquire("alice", muchLater));
        assertEquals(OptionalLong.empty(), window.acquire("alice", muchLater));
        assertTrue(window.acquire("alice", muchLater).isPresent());
    }

    @Test
    void zeroIsNoLimit() {
        RateWindow window = new RateWindow(0, Duration.ofSeconds(10));
        for (int i = 0; i < 1000; i++) {
            assertEquals(OptionalLong.empty(), window.acquire("alice", 0));
        }
    }

    @Test
    void negativeLimitOrEmptyWindowIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RateWindow(-1, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new RateWindow(1, Duration.ZERO));
    }
}
