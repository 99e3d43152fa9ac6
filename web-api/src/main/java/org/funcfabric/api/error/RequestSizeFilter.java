package org.funcfabric.api.error;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.funcfabric.core.common.ErrorCode;

/**
 * Refuses a declared body larger than any valid request before it is read, so an oversized upload
 * costs no memory; the per-payload and per-batch limits are checked by the core.
 */
@Provider
@PreMatching
public class RequestSizeFilter implements ContainerRequestFilter {
    @Inject
    @ConfigProperty(name = "fabric.limits.max-request-bytes", defaultValue = "16777216")
    long maxRequestBytes;

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getLength() > maxRequestBytes) {
            request.abortWith(ErrorEnvelope.response(ErrorCode.BATCH_RUN_TOO_LARGE, "The request body of "
                    + request.getLength() + " bytes exceeds the limit of " + maxRequestBytes + " bytes"));
        }
    }
}
