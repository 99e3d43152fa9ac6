package org.funcfabric.api.limits;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.funcfabric.api.error.ErrorEnvelope;
import org.funcfabric.core.common.ErrorCode;
import org.funcfabric.core.common.Limits;

/**
 * Holds each user to {@code fabric.limits.submit-rate} submit-type requests per
 * {@code fabric.limits.submit-rate-window-s} seconds ({@link Limits}) (API.md: 20 per 10 s, as Globus Compute); the
 * next one is answered 429 {@code MAX_REQUESTS_EXCEEDED} with {@code Retry-After}, before its body is
 * read. Runs after authorization, so only an authenticated user with the right role spends requests.
 */
@Provider
@SubmitRateLimited
@Priority(Priorities.USER)
@ApplicationScoped
public class SubmitRateFilter implements ContainerRequestFilter {
    @Inject
    private Limits limits;

    @Inject
    private JsonWebToken token;

    private RateWindow window;

    @PostConstruct
    void init() {
        window = new RateWindow(limits.submitRate(), limits.submitRateWindow());
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String user = token.getSubject();
        if (user == null) {
            return;
        }
        OptionalLong wait = window.acquire(user, System.nanoTime());
        if (wait.isPresent()) {
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(wait.getAsLong() + 999_999_999L));
            request.abortWith(Response.fromResponse(ErrorEnvelope.response(ErrorCode.MAX_REQUESTS_EXCEEDED,
                            "More than " + limits.submitRate() + " submissions in "
                                    + limits.submitRateWindow().toSeconds() + " s; retry after " + seconds + " s"))
                    .header(HttpHeaders.RETRY_AFTER, seconds).build());
        }
    }
}
