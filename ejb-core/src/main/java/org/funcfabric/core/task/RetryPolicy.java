package org.funcfabric.core.task;

import java.util.List;
import org.funcfabric.core.common.ErrorCode;
import org.funcfabric.core.common.FabricException;

/**
 * What a submitter asked for when a task's attempt goes wrong: how many more attempts it may have,
 * how long the next attempt waits after a failed one, which errors are worth retrying, and how long an
 * attempt may run. Checked where it is made, so a stored task never carries an impossible policy.
 *
 * @param maxRetries    attempts allowed after the first, 0 to {@value #MOST_RETRIES}
 * @param retryBackoffS seconds before the first retry after an error (doubling after that), above 0
 *                      and at most {@value #LONGEST_BACKOFF_S}
 * @param retryOn       exception names whose errors are retried, {@code "*"} for any; empty: errors
 *                      are final
 * @param timeoutS      seconds an attempt may run, or null for the endpoint's default
 */
public record RetryPolicy(int maxRetries, double retryBackoffS, List<String> retryOn, Integer timeoutS) {
    /**
     * The broker dead-letters a message after 10 deliveries; a budget below that leaves the worker
     * room to fail a task as lost itself before the broker takes it away.
     */
    public static final int MOST_RETRIES = 8;
    public static final int LONGEST_BACKOFF_S = 3600;
    /** No retries, a one-second backoff should retries be asked for later, and the endpoint's timeout. */
    public static final RetryPolicy NONE = new RetryPolicy(0, 1, List.of(), null);

    public RetryPolicy {
        if (maxRetries < 0 || maxRetries > MOST_RETRIES) {
            throw invalid("max_retries must be between 0 and " + MOST_RETRIES + ", not " + maxRetries);
        }
        if (!(retryBackoffS > 0 && retryBackoffS <= LONGEST_BACKOFF_S)) {
            throw invalid("retry_backoff_s must be above 0 and at most " + LONGEST_BACKOFF_S + ", not " + retryBackoffS);
        }
        if (retryOn != null && retryOn.stream().anyMatch(name -> name == null || name.isBlank())) {
            throw invalid("retry_on must list exception names (or \"*\"), not blanks");
        }
        retryOn = retryOn == null ? List.of() : List.copyOf(retryOn);
        if (timeoutS != null && timeoutS <= 0) {
            throw invalid("timeout_s must be a positive number of seconds or null, not " + timeoutS);
        }
    }

    /**
     * How long the attempt after {@code failedAttempt} waits: {@code retryBackoffS × 2^(failedAttempt-1)},
     * at most {@value #LONGEST_BACKOFF_S} seconds.
     */
    public long backoffMillis(int failedAttempt) {
        double seconds = retryBackoffS * Math.pow(2, Math.max(0, failedAttempt - 1));
        return (long) (Math.min(seconds, LONGEST_BACKOFF_S) * 1000);
    }

    /** The policy of a submission's optional fields, each absent one taking its default. */
    public static RetryPolicy of(Integer maxRetries, Double retryBackoffS, List<String> retryOn, Integer timeoutS) {
        return new RetryPolicy(maxRetries == null ? NONE.maxRetries : maxRetries,
                retryBackoffS == null ? NONE.retryBackoffS : retryBackoffS, retryOn, timeoutS);
    }

    private static FabricException invalid(String message) {
        return new FabricException(ErrorCode.SEMANTICALLY_INVALID, message);
    }
}
