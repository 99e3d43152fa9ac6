package org.funcfabric.client;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import jakarta.json.bind.Jsonb;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.GenericType;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ContextResolver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.funcfabric.client.model.AllowedFunctions;
import org.funcfabric.client.model.BatchStatus;
import org.funcfabric.client.model.BatchStatusRequest;
import org.funcfabric.client.model.EndpointDocument;
import org.funcfabric.client.model.EndpointLock;
import org.funcfabric.client.model.EndpointRegistered;
import org.funcfabric.client.model.EndpointRegistration;
import org.funcfabric.client.model.EndpointRole;
import org.funcfabric.client.model.EndpointStatus;
import org.funcfabric.client.model.EndpointSummary;
import org.funcfabric.client.model.FunctionDocument;
import org.funcfabric.client.model.FunctionRegistered;
import org.funcfabric.client.model.FunctionRegistration;
import org.funcfabric.client.model.FunctionSummary;
import org.funcfabric.client.model.Health;
import org.funcfabric.client.model.ResultQueueAccess;
import org.funcfabric.client.model.ServiceVersions;
import org.funcfabric.client.model.Submission;
import org.funcfabric.client.model.SubmitResponse;
import org.funcfabric.client.model.TaskDocument;
import org.funcfabric.client.model.TaskEvent;
import org.funcfabric.client.model.TaskGroup;

/**
 * The FuncFabric REST API (API.md) as typed methods, one per route, acting as the user of one token.
 * Every failure is a {@link FuncFabricException} carrying the service's error code. Thread-safe;
 * close it to release its connections.
 *
 * <pre>{@code
 * try (FuncFabricClient client = FuncFabricClient.builder()
 *         .serviceUrl("http://127.0.0.1:8080").tokenFile(Path.of("var/dev-token")).build()) {
 *     String fn = client.registerFunction(FunctionRegistration.shell("hello", "echo hello {name}", 5)).functionUuid();
 * }
 * }</pre>
 *
 * <p>Reads, deletes and locks are retried a few times with back-off when the connection fails or the
 * service answers 429, 502, 503 or 504 (honouring {@code Retry-After}). Registrations and submissions
 * are retried only when the service cannot have accepted them: the connection was refused, or the answer
 * was 429 or 503 (API.md: nothing was accepted).
 */
public final class FuncFabricClient implements AutoCloseable {
    private static final Set<Integer> RETRIED_STATUS = Set.of(429, 502, 503, 504);
    private static final Set<Integer> NOT_ACCEPTED_STATUS = Set.of(429, 503);
    private static final GenericType<List<FunctionSummary>> FUNCTION_LIST = new GenericType<>() {
    };
    private static final GenericType<List<EndpointSummary>> ENDPOINT_LIST = new GenericType<>() {
    };

    private final URI serviceUrl;
    private final Client http;
    private final WebTarget root;
    private final RetryPolicy<Response> idempotent;
    private final RetryPolicy<Response> notAccepted;
    private final RetryPolicy<Response> healthCheck;
    private final Duration reconnectDelay;
    private final ExecutorService streamThreads;
    private final ScheduledExecutorService scheduler;

    private FuncFabricClient(Builder b) {
        this.serviceUrl = b.serviceUrl;
        // Daemon threads: an event stream's reader blocks until the service's next keep-alive even
        // after close, and must not keep the JVM of a program that is done from exiting.
        this.streamThreads = Executors.newCachedThreadPool(daemon("funcfabric-client"));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("funcfabric-client-scheduler"));
        ClientBuilder cb = ClientBuilder.newBuilder()
                .executorService(streamThreads)
                .scheduledExecutorService(scheduler)
                .connectTimeout(b.connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(b.readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .register(new ApiJsonb())
                .register(new Authorization(b.token));
        b.components.forEach(cb::register);
        this.http = cb.build();
        this.root = http.target(serviceUrl);
        Predicate<Throwable> io = e -> e instanceof ProcessingException && e.getCause() instanceof IOException;
        this.idempotent = retryPolicy(b.retries, b.retryBackoff, RETRIED_STATUS, io);
        // A 503 from the health check is its answer (DOWN), not a reason to ask again.
        this.healthCheck = retryPolicy(b.retries, b.retryBackoff, Set.of(429), io);
        this.notAccepted = retryPolicy(b.retries, b.retryBackoff, NOT_ACCEPTED_STATUS,
                e -> e instanceof ProcessingException && e.getCause() instanceof ConnectException);
        this.reconnectDelay = b.reconnectDelay;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The base URL of the service. */
    public URI serviceUrl() {
        return serviceUrl;
    }

    // --- service ------------------------------------------------------------------------------

    /** {@code GET /v2/version}: the API version, e.g. {@code 1.0.0}. Needs no token. */
    public String version() {
        return Json.API.fromJson(idempotent(root.path("v2/version").request(MediaType.APPLICATION_JSON)::get,
                String.class), String.class);
    }

    /** {@code GET /v2/version?service=all}. */
    public ServiceVersions versions() {
        return idempotent(root.path("v2/version").queryParam("service", "all")
                .request(MediaType.APPLICATION_JSON)::get, ServiceVersions.class);
    }

    /** {@code GET /health}: {@code UP} or {@code DOWN} with the checks (a 503 answer still has them). */
    public Health health() {
        Response r = call(healthCheck, root.path("health").request(MediaType.APPLICATION_JSON)::get);
        try (r) {
            if (r.getStatus() != 200 && r.getStatus() != 503) {
                throw refusal(r);
            }
            return entity(r, Health.class);
        }
    }

    /** {@code GET /openapi}: the service's OpenAPI document as the service formats it (YAML). */
    public String openApi() {
        return idempotent(root.path("openapi").request()::get, String.class);
    }

    // --- functions ----------------------------------------------------------------------------

    /** {@code POST /v3/functions}. */
    public FunctionRegistered registerFunction(FunctionRegistration registration) {
        Objects.requireNonNull(registration, "registration");
        return once(() -> root.path("v3/functions").request(MediaType.APPLICATION_JSON)
                .post(Entity.json(registration)), FunctionRegistered.class);
    }

    /** {@code GET /v2/functions/{id}}. */
    public FunctionDocument getFunction(String functionId) {
        return idempotent(path("v2/functions/{id}", functionId).request(MediaType.APPLICATION_JSON)::get,
                FunctionDocument.class);
    }

    /** {@code GET /v2/functions}: the caller's own functions, oldest first. */
    public List<FunctionSummary> listFunctions() {
        return idempotent(root.path("v2/functions").request(MediaType.APPLICATION_JSON)::get, FUNCTION_LIST);
    }

    /** {@code DELETE /v2/functions/{id}}: owner only. */
    public void deleteFunction(String functionId) {
        idempotent(path("v2/functions/{id}", functionId).request(MediaType.APPLICATION_JSON)::delete, String.class);
    }

    // --- endpoints ----------------------------------------------------------------------------

    /** {@code POST /v3/endpoints}: what a connector does when it starts for the first time. */
    public EndpointRegistered registerEndpoint(EndpointRegistration registration) {
        return once(() -> root.path("v3/endpoints").request(MediaType.APPLICATION_JSON)
                .post(Entity.json(registration)), EndpointRegistered.class);
    }

    /** {@code PUT /v3/endpoints/{id}}: re-registration, owner only. */
    public EndpointRegistered updateEndpoint(String endpointId, EndpointRegistration registration) {
        return idempotent(() -> path("v3/endpoints/{id}", endpointId).request(MediaType.APPLICATION_JSON)
                .put(Entity.json(registration)), EndpointRegistered.class);
    }

    /** {@code GET /v2/endpoints?role=…}. */
    public List<EndpointSummary> listEndpoints(EndpointRole role) {
        return idempotent(root.path("v2/endpoints").queryParam("role", role.wire())
                .request(MediaType.APPLICATION_JSON)::get, ENDPOINT_LIST);
    }

    /** {@code GET /v2/endpoints/{id}}. */
    public EndpointDocument getEndpoint(String endpointId) {
        return idempotent(path("v2/endpoints/{id}", endpointId).request(MediaType.APPLICATION_JSON)::get,
                EndpointDocument.class);
    }

    /** {@code GET /v2/endpoints/{id}/status}. */
    public EndpointStatus endpointStatus(String endpointId) {
        return idempotent(path("v2/endpoints/{id}/status", endpointId).request(MediaType.APPLICATION_JSON)::get,
                EndpointStatus.class);
    }

    /** {@code GET /v3/endpoints/{id}/allowed_functions}. */
    public AllowedFunctions allowedFunctions(String endpointId) {
        return idempotent(path("v3/endpoints/{id}/allowed_functions", endpointId)
                .request(MediaType.APPLICATION_JSON)::get, AllowedFunctions.class);
    }

    /** {@code POST /v3/endpoints/{id}/lock}: owner only; submissions get 423 until it expires. */
    public EndpointLock lockEndpoint(String endpointId) {
        return idempotent(() -> path("v3/endpoints/{id}/lock", endpointId).request(MediaType.APPLICATION_JSON)
                .post(Entity.json(Map.of())), EndpointLock.class);
    }

    /** {@code DELETE /v2/endpoints/{id}}: owner only. */
    public void deleteEndpoint(String endpointId) {
        idempotent(path("v2/endpoints/{id}", endpointId).request(MediaType.APPLICATION_JSON)::delete, String.class);
    }

    // --- tasks --------------------------------------------------------------------------------

    /** {@code POST /v3/endpoints/{id}/submit}: when it answers, the tasks are stored and queued. */
    public SubmitResponse submit(String endpointId, Submission submission) {
        return once(() -> path("v3/endpoints/{id}/submit", endpointId).request(MediaType.APPLICATION_JSON)
                .post(Entity.json(submission)), SubmitResponse.class);
    }

    /** {@code GET /v2/tasks/{id}}. */
    public TaskDocument getTask(String taskId) {
        return idempotent(path("v2/tasks/{id}", taskId).request(MediaType.APPLICATION_JSON)::get, TaskDocument.class);
    }

    /**
     * {@code GET /v2/tasks/{id}?wait=S}, a long poll: the task's document the moment it ends, or after
     * {@code wait} (at most the service's {@code fabric.tasks.max-wait-s}, 60 s by default) as it then is.
     */
    public TaskDocument awaitTask(String taskId, Duration wait) {
        return idempotent(path("v2/tasks/{id}", taskId).queryParam("wait", wait.toMillis() / 1000.0)
                .request(MediaType.APPLICATION_JSON)::get, TaskDocument.class);
    }

    /** {@code POST /v2/batch_status}: many tasks in one request. */
    public BatchStatus batchStatus(Collection<String> taskIds) {
        return idempotent(() -> root.path("v2/batch_status").request(MediaType.APPLICATION_JSON)
                .post(Entity.json(new BatchStatusRequest(List.copyOf(taskIds)))), BatchStatus.class);
    }

    /** {@code GET /v2/taskgroup/{id}}. */
    public TaskGroup getTaskGroup(String taskGroupId) {
        return idempotent(path("v2/taskgroup/{id}", taskGroupId).request(MediaType.APPLICATION_JSON)::get,
                TaskGroup.class);
    }

    /**
     * {@code POST /v2/tasks/{id}/cancel}: the task document, {@code cancelled} unless it had already
     * ended. A service without cancellation answers 404 {@code ROUTE_NOT_FOUND} or 405.
     */
    public TaskDocument cancelTask(String taskId) {
        return idempotent(() -> path("v2/tasks/{id}/cancel", taskId).request(MediaType.APPLICATION_JSON)
                .post(Entity.json(Map.of())), TaskDocument.class);
    }

    /** {@code GET /v2/get_amqp_result_connection_url}. */
    public ResultQueueAccess resultQueueAccess() {
        return idempotent(root.path("v2/get_amqp_result_connection_url").request(MediaType.APPLICATION_JSON)::get,
                ResultQueueAccess.class);
    }

    /**
     * {@code GET /v2/taskgroup/{id}/events}: calls {@code listener} with every task of the group that
     * ends, in completion order, starting after event {@code afterEventId} (0: from the group's first).
     * The listener runs on the stream's thread, one event at a time. A dropped connection is resumed
     * without loss or repetition; {@code onFailure} hears once when the stream cannot be (re)opened,
     * e.g. {@link ResourceNotFoundException} for an unknown group, {@link RateLimitedException} for too
     * many streams, {@link ServiceUnavailableException} when the service is unreachable.
     */
    public TaskEventSubscription subscribe(String taskGroupId, long afterEventId, Consumer<TaskEvent> listener,
                                           Consumer<FuncFabricException> onFailure) {
        TaskEventSubscription subscription = new TaskEventSubscription(path("v2/taskgroup/{id}/events", taskGroupId),
                afterEventId, reconnectDelay.toMillis(), listener, onFailure, this::streamFailure);
        subscription.open();
        return subscription;
    }

    @Override
    public void close() {
        http.close();
        streamThreads.shutdownNow();
        scheduler.shutdownNow();
    }

    // --- plumbing -----------------------------------------------------------------------------

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    private WebTarget path(String template, String id) {
        Objects.requireNonNull(id, "id");
        return root.path(template).resolveTemplate("id", id);
    }

    private <T> T idempotent(Supplier<Response> call, Class<T> type) {
        return expect(call(idempotent, call), r -> entity(r, type));
    }

    private <T> T idempotent(Supplier<Response> call, GenericType<T> type) {
        return expect(call(idempotent, call), r -> entity(r, type));
    }

    private <T> T once(Supplier<Response> call, Class<T> type) {
        return expect(call(notAccepted, call), r -> entity(r, type));
    }

    /**
     * The answer, after the policy's retries. A {@link ProcessingException} not caused by I/O is a
     * client-side fault (e.g. a body JSON-B cannot write) and passes unchanged.
     */
    private Response call(RetryPolicy<Response> policy, Supplier<Response> call) {
        try {
            return Failsafe.with(policy).get(call::get);
        } catch (ProcessingException e) {
            if (e.getCause() instanceof IOException) {
                throw unreachable(e);
            }
            throw e;
        }
    }

    private <T> T expect(Response response, Function<Response, T> read) {
        try (response) {
            if (response.getStatus() >= 300) {
                throw refusal(response);
            }
            return read.apply(response);
        }
    }

    private static <T> T entity(Response r, Class<T> type) {
        try {
            return r.readEntity(type);
        } catch (ProcessingException | IllegalStateException e) {
            throw unexpected(r, e);
        }
    }

    private static <T> T entity(Response r, GenericType<T> type) {
        try {
            return r.readEntity(type);
        } catch (ProcessingException | IllegalStateException e) {
            throw unexpected(r, e);
        }
    }

    private static FuncFabricException unexpected(Response r, RuntimeException e) {
        return new FuncFabricException(FuncFabricException.UNEXPECTED_RESPONSE, r.getStatus(),
                "the service's answer could not be read: " + e.getMessage(), e);
    }

    private ServiceUnavailableException unreachable(ProcessingException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        return new ServiceUnavailableException(FuncFabricException.SERVICE_UNREACHABLE, 0,
                "cannot reach FuncFabric at " + serviceUrl + ": " + cause, e);
    }

    private FuncFabricException streamFailure(Throwable error) {
        if (error instanceof WebApplicationException web && web.getResponse() != null) {
            return refusal(web.getResponse());
        }
        if (error instanceof ProcessingException processing && processing.getCause() instanceof IOException) {
            return unreachable(processing);
        }
        return new FuncFabricException(FuncFabricException.UNEXPECTED_RESPONSE, 0,
                "the task event stream failed: " + error, error);
    }

    /** The typed exception for an error answer, from its envelope when it has one. */
    static FuncFabricException refusal(Response r) {
        int status = r.getStatus();
        ErrorEnvelope envelope = null;
        try {
            if (MediaType.APPLICATION_JSON_TYPE.isCompatible(r.getMediaType())) {
                envelope = r.readEntity(ErrorEnvelope.class);
            }
        } catch (RuntimeException unreadable) {
            // A proxy's or a container's page rather than the service's envelope: the status must do.
        }
        String code = envelope != null && envelope.code() != null ? envelope.code() : "HTTP_" + status;
        String text = envelope == null ? null : envelope.message() != null ? envelope.message() : envelope.reason();
        String message = "HTTP " + status + " " + code + (text == null ? "" : ": " + text);
        return switch (status) {
            case 401 -> new UnauthenticatedException(code, message);
            case 403 -> new AccessDeniedException(code, message);
            case 404 -> new ResourceNotFoundException(code, message);
            case 429 -> new RateLimitedException(code, message, retryAfter(r));
            default -> status >= 500
                    ? new ServiceUnavailableException(code, status, message, null)
                    : new ServiceRefusedException(code, status, message);
        };
    }

    private static Duration retryAfter(Response r) {
        String value = r.getHeaderString(HttpHeaders.RETRY_AFTER);
        try {
            return value == null ? null : Duration.ofSeconds(Long.parseLong(value.strip()));
        } catch (NumberFormatException httpDate) {
            return null;
        }
    }

    private static RetryPolicy<Response> retryPolicy(int retries, Duration backoff, Set<Integer> statuses,
                                                     Predicate<Throwable> failures) {
        return RetryPolicy.<Response>builder()
                .handleIf(failures::test)
                .handleResultIf(r -> statuses.contains(r.getStatus()))
                .withMaxRetries(retries)
                .withBackoff(backoff, backoff.multipliedBy(32))
                .withDelayFn(ctx -> {
                    Response last = ctx.getLastResult();
                    Duration after = last == null ? null : retryAfter(last);
                    // A negative delay means: use the back-off.
                    return after == null ? Duration.ofMillis(-1) : after;
                })
                .onFailedAttempt(e -> {
                    if (e.getLastResult() != null) {
                        e.getLastResult().close();
                    }
                })
                .build();
    }

    /** The error envelope of API.md; {@code reason} and {@code message} carry the same text. */
    public record ErrorEnvelope(String status, String code, String reason, String message, Integer httpStatusCode,
                                List<Object> errorArgs) {
    }

    /** Makes the JSON-B provider write and read the API's snake_case names. */
    private static final class ApiJsonb implements ContextResolver<Jsonb> {
        @Override
        public Jsonb getContext(Class<?> type) {
            return Json.API;
        }
    }

    private record Authorization(String token) implements ClientRequestFilter {
        @Override
        public void filter(ClientRequestContext request) {
            if (token != null) {
                request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + token);
            }
        }
    }

    /** Where the service is, how to authenticate, and the client's timeouts and retries. */
    public static final class Builder {
        private URI serviceUrl;
        private String token;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(120);
        private Duration reconnectDelay = Duration.ofMillis(500);
        private Duration retryBackoff = Duration.ofMillis(250);
        private int retries = 4;
        private final List<Object> components = new ArrayList<>();

        private Builder() {
        }

        /** The service's base URL, e.g. {@code http://127.0.0.1:8080}. */
        public Builder serviceUrl(URI url) {
            this.serviceUrl = Objects.requireNonNull(url, "url");
            return this;
        }

        public Builder serviceUrl(String url) {
            return serviceUrl(URI.create(url));
        }

        /** A JWT; null sends no {@code Authorization} header (only the version is open). */
        public Builder token(String jwt) {
            this.token = jwt == null ? null : jwt.strip();
            return this;
        }

        /** The JWT in {@code file}, read now; surrounding white space is ignored. */
        public Builder tokenFile(Path file) {
            try {
                return token(Files.readString(file));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the token file " + file, e);
            }
        }

        /** The JWT in environment variable {@code name}. */
        public Builder tokenFromEnvironment(String name) {
            String value = System.getenv(name);
            if (value == null || value.isBlank()) {
                throw new IllegalStateException("the environment variable " + name + " holds no token");
            }
            return token(value);
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        /** How long a response may stay silent; event streams send keep-alives well within it. */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = timeout;
            return this;
        }

        /** How long an event stream waits before it reconnects after a drop (the service may say otherwise). */
        public Builder reconnectDelay(Duration delay) {
            this.reconnectDelay = delay;
            return this;
        }

        /** Retries of a failed call (see the class comment) and the first back-off, doubling from there. */
        public Builder retries(int count, Duration firstBackoff) {
            this.retries = count;
            this.retryBackoff = firstBackoff;
            return this;
        }

        /** A Jakarta REST provider or filter for every request, e.g. a {@code ClientRequestFilter}. */
        public Builder register(Object component) {
            components.add(Objects.requireNonNull(component, "component"));
            return this;
        }

        public FuncFabricClient build() {
            if (serviceUrl == null) {
                throw new IllegalStateException("serviceUrl is required");
            }
            return new FuncFabricClient(this);
        }
    }
}
