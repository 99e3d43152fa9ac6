package org.funcfabric.core.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Size limits enforced where data enters (ARCHITECTURE.md "Rules that keep tasks safe"), from
 * MicroProfile Config; defaults as Globus Compute.
 */
@ApplicationScoped
public class Limits {
    @Inject
    @ConfigProperty(name = "fabric.limits.max-payload-bytes", defaultValue = "10485760")
    long maxPayloadBytes;

    @Inject
    @ConfigProperty(name = "fabric.limits.max-batch-bytes", defaultValue = "10485760")
    long maxBatchBytes;

    @Inject
    @ConfigProperty(name = "fabric.limits.max-function-bytes", defaultValue = "10485760")
    long maxFunctionBytes;

    @Inject
    @ConfigProperty(name = "fabric.limits.max-result-bytes", defaultValue = "10485760")
    long maxResultBytes;

    @Inject
    @ConfigProperty(name = "fabric.limits.max-tasks-per-batch", defaultValue = "10000")
    int maxTasksPerBatch;

    public long maxPayloadBytes() {
        return maxPayloadBytes;
    }

    public long maxBatchBytes() {
        return maxBatchBytes;
    }

    public long maxFunctionBytes() {
        return maxFunctionBytes;
    }

    public long maxResultBytes() {
        return maxResultBytes;
    }

    public int maxTasksPerBatch() {
        return maxTasksPerBatch;
    }
}
