package org.funcfabric.launcher.process;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Polls a readiness condition with a deadline while watching the process that should make it true:
 * waiting on a dead process would only waste the whole deadline.
 */
public final class Wait {
    private static final long POLL_MILLIS = 250;

    private Wait() {
    }

    /**
     * @param ready     the condition, polled every 250 ms
     * @param timeout   how long to wait at most
     * @param watched   the process expected to make it true
     * @param cancelled true once the caller gives up (the launcher is shutting down)
     * @throws ChildExitedException  when {@code watched} exits first
     * @throws TimeoutException      when the deadline passes
     * @throws CancellationException when {@code cancelled} turns true
     */
    public static void until(BooleanSupplier ready, Duration timeout, ChildProcess watched, BooleanSupplier cancelled)
            throws ChildExitedException, TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("shutting down");
            }
            if (ready.getAsBoolean()) {
                return;
            }
            if (!watched.isStarted()) {
                throw new ChildExitedException(watched);
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(watched.name() + " not ready after " + timeout.toSeconds() + " s");
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
