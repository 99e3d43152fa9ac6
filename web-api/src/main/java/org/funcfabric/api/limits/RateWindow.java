package org.funcfabric.api.limits;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code limit} requests per {@code window} for each user, as a token bucket: a user starts
 * with {@code limit} requests in hand and earns them back at {@code limit} per {@code window}, so a
 * burst up to the limit passes and a steady stream is held to the rate. Held in memory, per service
 * instance: behind a balancer over N instances a user gets up to N times the rate.
 */
public final class RateWindow {
    /** Beyond this many users held, the ones whose bucket has refilled are forgotten. */
    static final int PRUNE_ABOVE = 10_000;

    private final int limit;
    private final long windowNanos;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** @param limit requests per window; 0 turns the limit off */
    public RateWindow(int limit, Duration window) {
        if (limit < 0 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a rate needs a limit >= 0 and a positive window: " + limit + " per " + window);
        }
        this.limit = limit;
        this.windowNanos = window.toNanos();
    }

    /**
     * Takes one request for {@code user} at {@code nowNanos} ({@link System#nanoTime()}).
     *
     * @return empty when allowed; otherwise the nanoseconds until the next request would be
     */
    public OptionalLong acquire(String user, long nowNanos) {
        if (limit == 0) {
            return OptionalLong.empty();
        }
        if (buckets.size() > PRUNE_ABOVE) {
            buckets.values().removeIf(b -> b.isFull(nowNanos));
        }
        return buckets.computeIfAbsent(user, u -> new Bucket(nowNanos)).take(nowNanos);
    }

    /** The bucket of one user; its methods hold its lock, so one user's requests queue up on it alone. */
    private final class Bucket {
        private double tokens = limit;
        private long updatedAt;

        Bucket(long now) {
            this.updatedAt = now;
        }

        synchronized OptionalLong take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return OptionalLong.empty();
            }
            return OptionalLong.of((long) Math.ceil((1 - tokens) * windowNanos / limit));
        }

        synchronized boolean isFull(long now) {
            refill(now);
            return tokens >= limit;
        }

        private void refill(long now) {
            tokens = Math.min(limit, tokens + (double) (now - updatedAt) * limit / windowNanos);
            updatedAt = now;
        }
    }
}
