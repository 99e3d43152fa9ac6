package org.funcfabric.core.endpoint;

import java.util.Collection;

/**
 * The port through which the service orders an endpoint's connector and workers about
 * ({@code fabric.commands.<endpoint-id>}). The implementation (jms-bridge) must enlist in the caller's
 * JTA transaction, so a command goes out only if the change that caused it (a cancelled task, a lock)
 * commits.
 */
public interface EndpointCommands {
    /**
     * Tells the endpoint's workers to stop or skip these tasks.
     *
     * @throws org.funcfabric.core.common.FabricException SERVICE_UNAVAILABLE when the broker cannot be reached
     */
    void cancel(String endpointId, Collection<String> taskIds);

    /**
     * Tells the endpoint's connector to stop its workers and itself (the endpoint was locked or deleted).
     *
     * @throws org.funcfabric.core.common.FabricException SERVICE_UNAVAILABLE when the broker cannot be reached
     */
    void stop(String endpointId);

    /**
     * Tells the broker that the endpoint's broker credentials older than {@code validFrom} are revoked:
     * it refuses them from then on and closes their connections. Takes effect a moment after the
     * commit, so that a {@link #stop} sent with it reaches the connector first.
     *
     * @throws org.funcfabric.core.common.FabricException SERVICE_UNAVAILABLE when the broker cannot be reached
     */
    void revokeCredentials(String endpointId, int validFrom);
}
