package org.funcfabric.api.limits;

import java.util.HashMap;
import java.util.Map;
import org.funcfabric.core.common.ErrorCode;
import org.funcfabric.core.common.FabricException;

/**
 * How many long-lived requests (event streams, long polls) each user holds open on this service
 * instance, bounded: one user's many open requests must not take what others need.
 */
public final class OpenPerUser {
    private final Map<String, Integer> open = new HashMap<>();
    private final int max;
    private final String refusal;

    /**
     * @param max     how many one user may hold open at once
     * @param refusal the message of the 429 past that
     */
    public OpenPerUser(int max, String refusal) {
        this.max = max;
        this.refusal = refusal;
    }

    /**
     * Counts one more open request of {@code user}.
     *
     * @throws FabricException 429 {@code MAX_REQUESTS_EXCEEDED} when the user already holds the most
     */
    public synchronized void reserve(String user) {
        int held = open.getOrDefault(user, 0);
        if (held >= max) {
            throw new FabricException(ErrorCode.MAX_REQUESTS_EXCEEDED, refusal);
        }
        open.put(user, held + 1);
    }

    /** One open request of {@code user} ended. */
    public synchronized void release(String user) {
        open.computeIfPresent(user, (u, held) -> held <= 1 ? null : held - 1);
    }
}
