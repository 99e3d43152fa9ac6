package org.funcfabric.connector.registration;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;

import org.funcfabric.protocol.AllowedFunctions;
import org.funcfabric.protocol.ProtocolException;
import org.funcfabric.protocol.ProtocolJson;

/**
 * Registers the endpoint with the service and remembers its id.
 *
 * <p>With an id in the state file the connector re-registers with {@code PUT /v3/endpoints/{id}}, so
 * a restart keeps the endpoint and its queue; when the service no longer knows that id (404) it
 * registers anew with {@code POST /v3/endpoints}. Without a saved id (a new state directory), when the
 * user already has an endpoint of that name (409) the connector takes that endpoint over, found by
 * name in {@code GET /v2/endpoints?role=owner}: one name, one endpoint, whatever happened to the
 * state directory. While the service is unreachable or answers that it
 * is not ready (429, 502, 503, 504, or an error without the service's error envelope) the request is retried with back-off for at most the given wait:
 * a connector and its service are often started together.
 */
public final class RegistrationClient {
    private static final Logger LOG = Logger.getLogger(RegistrationClient.class.getName());
    private static final Set<Integer> NOT_READY = Set.of(429, 502, 503, 504);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    /**
     * A 500 with the service's envelope is asked again a few times: registering is idempotent, and a
     * fresh Payara deployment can fail its first concurrent requests (a race in its JSON-B context
     * resolver); a real bug still fails the connector after these.
     */
    private static final int SERVER_ERROR_RETRIES = 3;
    // Short: a connector started beside its service should register within moments of it deploying.
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(2);
    private static final int LONGEST_DETAIL = 200;

    private final String serviceUrl;
    private final String token;
    private final EndpointStateFile state;
    private final RetryPolicy<HttpResponse<String>> retry;
    private final RetryPolicy<HttpResponse<String>> retryServerError = RetryPolicy.<HttpResponse<String>>builder()
            .handleResultIf(response -> response.statusCode() == 500)
            .withDelay(FIRST_RETRY)
            .withMaxRetries(SERVER_ERROR_RETRIES)
            .build();
    private final Duration maxWait;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();

    /**
     * @param serviceUrl base URL of the service, e.g. {@code http://127.0.0.1:8080}
     * @param token      the user's JWT, sent as a bearer token
     * @param state      where the endpoint id is kept
     * @param maxWait    how long to keep trying while the service is unreachable
     */
    public RegistrationClient(URI serviceUrl, String token, EndpointStateFile state, Duration maxWait) {
        // URI.resolve would drop a base path without a trailing slash; appending keeps it
        this.serviceUrl = serviceUrl.toString().replaceAll("/+$", "");
        this.token = token;
        this.state = state;
        this.maxWait = maxWait;
        this.retry = RetryPolicy.<HttpResponse<String>>builder()
                .handle(IOException.class)
                .handleResultIf(response -> NOT_READY.contains(response.statusCode()) || notDeployedYet(response))
                .withBackoff(FIRST_RETRY, LONGEST_RETRY)
                .withMaxRetries(-1)
                .withMaxDuration(maxWait)
                .onRetryScheduled(event -> LOG.info(() -> "service at " + this.serviceUrl + " not ready ("
                        + (event.getLastException() != null ? describe(event.getLastException())
                        : "HTTP " + event.getLastResult().statusCode())
                        + "); retrying in " + event.getDelay().toMillis() + " ms"))
                .build();
    }

    /**
     * Registers the endpoint under {@code name} and saves the id the service assigned.
     *
     * @param allowed the functions the service may send here, replacing those of an earlier registration
     * @throws RegistrationException when the service refuses, or stays unreachable
     */
    public EndpointRegistration register(String name, AllowedFunctions allowed) {
        RegistrationRequest request = RegistrationRequest.of(name, allowed);
        EndpointRegistration registration = state.endpointId()
                .map(id -> reRegister(id, request))
                .orElseGet(() -> create(request));
        state.save(registration.endpointId());
        return registration;
    }

    private EndpointRegistration reRegister(String endpointId, RegistrationRequest request) {
        HttpResponse<String> response = exchange("PUT", "/v3/endpoints/" + endpointId, request);
        if (response.statusCode() == 404) {
            LOG.warning(() -> "the service does not know endpoint " + endpointId + " (saved in " + state.path()
                    + "); registering a new endpoint");
            return create(request);
        }
        return registration(response);
    }

    private EndpointRegistration create(RegistrationRequest request) {
        HttpResponse<String> response = exchange("POST", "/v3/endpoints", request);
        if (response.statusCode() == 409) {
            Optional<String> existing = ownedEndpointNamed(request.endpointName());
            if (existing.isPresent()) {
                LOG.info(() -> "endpoint " + request.endpointName() + " already exists as " + existing.get()
                        + "; re-registering it");
                return registration(exchange("PUT", "/v3/endpoints/" + existing.get(), request));
            }
        }
        return registration(response);
    }

    private Optional<String> ownedEndpointNamed(String name) {
        HttpResponse<String> response = exchange("GET", "/v2/endpoints?role=owner", null);
        if (response.statusCode() != 200) {
            return Optional.empty();
        }
        try {
            return Arrays.stream(ProtocolJson.fromJson(response.body(), EndpointSummary[].class))
                    .filter(e -> name.equals(e.name()))
                    .map(EndpointSummary::uuid)
                    .findFirst();
        } catch (ProtocolException e) {
            return Optional.empty();
        }
    }

    /** One entry of {@code GET /v2/endpoints}. */
    public record EndpointSummary(String uuid, String name) {
    }

    private HttpResponse<String> exchange(String method, String path, RegistrationRequest body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(serviceUrl + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(ProtocolJson.toJson(body)))
                .build();
        try {
            return Failsafe.with(retry, retryServerError).get(() -> http.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (FailsafeException e) {
            if (e.getCause() instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                throw new RegistrationException("interrupted while registering", false, e);
            }
            throw new RegistrationException("cannot reach the service at " + serviceUrl + " within "
                    + maxWait.toSeconds() + " s (" + describe(e.getCause()) + "): check --service", true, e);
        }
    }

    private EndpointRegistration registration(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status != 200 && status != 201) {
            throw refusal(response);
        }
        EndpointRegistration registration;
        try {
            registration = ProtocolJson.fromJson(response.body(), EndpointRegistration.class);
        } catch (ProtocolException e) {
            throw new RegistrationException("the service answered the registration with something else than"
                    + " an endpoint (" + e.getMessage() + ")", false, e);
        }
        if (registration.endpointId() == null || registration.taskQueueInfo() == null
                || registration.heartbeatQueueInfo() == null) {
            throw new RegistrationException("the service's registration answer lacks the endpoint id or its"
                    + " queues: " + abbreviate(response.body()), false);
        }
        return registration;
    }

    private RegistrationException refusal(HttpResponse<String> response) {
        int status = response.statusCode();
        String what = switch (status) {
            case 400 -> "the service rejected the registration request";
            case 401 -> "the service refused the token";
            case 403 -> "the service does not let this token register endpoints";
            case 404 -> "the service has no endpoint registration at " + serviceUrl + " (check --service)";
            default -> NOT_READY.contains(status)
                    ? "the service at " + serviceUrl + " was not ready within " + maxWait.toSeconds() + " s"
                    : "the service failed the registration";
        };
        String detail = serviceError(response.body())
                .map(error -> status + " " + error.code() + "): " + error.reason())
                .orElseGet(() -> status + "): " + abbreviate(response.body()));
        // a 4xx or a service that never came up: the user has to change something; a 5xx is the service's
        boolean mustFix = status < 500 || NOT_READY.contains(status);
        return new RegistrationException(what + " (" + detail, mustFix);
    }

    /**
     * An error without the service's error envelope comes from the server, not from FuncFabric: the
     * application is not deployed yet or still starting (the connector may start beside the service;
     * for a moment after the deployment Payara answers with its own 404, 403 or bare 500 pages), or
     * --service is wrong; all are retried until the wait runs out.
     */
    private static boolean notDeployedYet(HttpResponse<String> response) {
        return response.statusCode() >= 400 && serviceError(response.body()).isEmpty();
    }

    private static Optional<ServiceError> serviceError(String body) {
        try {
            ServiceError error = ProtocolJson.fromJson(body, ServiceError.class);
            return error.code() == null ? Optional.empty() : Optional.of(error);
        } catch (ProtocolException e) {
            return Optional.empty(); // not the envelope, e.g. a proxy's HTML page
        }
    }

    private static String abbreviate(String body) {
        String oneLine = body == null ? "" : body.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= LONGEST_DETAIL ? oneLine : oneLine.substring(0, LONGEST_DETAIL) + "…";
    }

    /** The first message along the causes: the HTTP client's ConnectException has none of its own. */
    private static String describe(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null) {
                return cause.getMessage();
            }
        }
        return failure.getClass().getSimpleName();
    }
}
