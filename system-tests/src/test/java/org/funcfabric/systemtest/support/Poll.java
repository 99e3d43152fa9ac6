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
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + timeout.toSeconds() + " s: " + whyNot.get());
            }
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting: " + whyNot.get(), e);
            }
        }
    }
}
