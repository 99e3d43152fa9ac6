package org.funcfabric.connector;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Waits for a condition by polling it until a deadline, never by a fixed sleep. */
public final class Wait {
    private static final long POLL_MS = 50;

    private Wait() {
    }

    public static void until(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting until " + what);
            }
            Thread.sleep(POLL_MS);
        }
    }
}
