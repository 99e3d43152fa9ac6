package org.funcfabric.it.support;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waiting for a condition with a deadline, never a fixed sleep (Artemis's {@code Wait} habit). */
public final class Poll {
    /** Long enough for an MDB on a busy 2-core machine; a passing test waits far less. */
    public static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final long INTERVAL_MS = 100;

    private Poll() {
    }

    /**
     * Reads {@code value} until {@code done} accepts it and returns that value.
     *
     * @throws AssertionError naming {@code what} and the last value read when the deadline passes
     */
    public static <T> T until(String what, Supplier<T> value, Predicate<? super T> done) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            T current = value.get();
            if (done.test(current)) {
                return current;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + DEADLINE.toSeconds() + " s: " + what + "; last seen: " + current);
            }
            try {
                Thread.sleep(INTERVAL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting: " + what, e);
            }
        }
    }

    /** Waits until {@code condition} holds. */
    public static void until(String what, Supplier<Boolean> condition) {
        until(what, condition, Boolean.TRUE::equals);
    }
}
