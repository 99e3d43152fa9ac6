package org.funcfabric.systemtest.support;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waiting for a condition with a deadline, never for a fixed time (Artemis's {@code Wait} habit). */
public final class Poll {
    private Poll() {
    }

    /**
     * Evaluates {@code condition} every {@code interval} until it holds.
     *
     * @param whyNot evaluated on timeout, for the failure message
     * @throws AssertionError when {@code timeout} passes first
     */
    public static void until(Duration timeout, Duration interval, BooleanSupplier condition, Supplier<String> whyNot) {
        if (!within(timeout, interval, condition)) {
            throw new AssertionError("not within " + timeout.toSeconds() + " s: " + whyNot.get());
        }
    }

    /**
     * Evaluates {@code condition} every {@code interval} until it holds or {@code timeout} passes, for
     * a test that reports a miss (as a measurement) rather than failing at once.
     *
     * @return whether it held in time
     */
    public static boolean within(Duration timeout, Duration interval, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting", e);
            }
        }
        return true;
    }
}
