package org.funcfabric.launcher.process;

import java.time.Duration;

/**
 * How long to wait before restarting a child that died: {@code initial} at first, doubling with each
 * further restart up to {@code max}, and {@code initial} again once the child had stayed up for
 * {@code resetAfter}. A child that crashes now and then comes back at once; one that crashes as soon
 * as it starts (a port taken, a corrupt file) does not spin and fill the log. One instance per
 * supervised child; not thread-safe.
 */
public final class Backoff {
    private final Duration initial;
    private final Duration max;
    private final Duration resetAfter;
    private Duration next;

    public Backoff(Duration initial, Duration max, Duration resetAfter) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max, got " + initial + " and " + max);
        }
        this.initial = initial;
        this.max = max;
        this.resetAfter = resetAfter;
        this.next = initial;
    }

    /** 1 s, doubling to 30 s; back to 1 s after a minute up. */
    public static Backoff standard() {
        return new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(60));
    }

    /** The delay before the next restart of a child that was up for {@code uptime} before it exited. */
    public Duration delayAfter(Duration uptime) {
        if (uptime.compareTo(resetAfter) >= 0) {
            next = initial;
        }
        Duration delay = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return delay;
    }
}
