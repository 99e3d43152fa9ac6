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
}
