package org.funcfabric.client;

import java.time.Duration;

/** 429: too many requests (or event streams) for now; try again after {@link #retryAfter()}. */
public class RateLimitedException extends ServiceRefusedException {
    private final Duration retryAfter;

    public RateLimitedException(String errorCode, String message, Duration retryAfter) {
        super(errorCode, 429, message);
        this.retryAfter = retryAfter;
    }

    /** The service's {@code Retry-After}, or null when it gave none. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
