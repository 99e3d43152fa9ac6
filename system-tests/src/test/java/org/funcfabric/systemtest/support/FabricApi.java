package org.funcfabric.systemtest.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * The REST API of API.md as a client sees it, over {@link HttpClient}, acting as one user (or as no
 * one). Low-level calls return the {@link ApiResponse} whatever its status; the task-path helpers
 * assert success, so a test reads as the steps a user takes.
 */
public final class FabricApi {
    public static final Set<String> TERMINAL = Set.of("success", "failed", "cancelled");
    public static final String JSON_RESULTS = "globus_compute_sdk.serialize.JSONData";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final int STATUS_CHUNK = 500;

    private final HttpClient http;
    private final URI base;
    private final String token;

    FabricApi(HttpClient http, URI base, String token) {
        this.http = http;
        this.base = base;
        this.token = token;
    }

    /** The same service as another user; {@code null} sends no Authorization header. */
    public FabricApi as(String otherToken) {
        return new FabricApi(http, base, otherToken);
    }

    public FabricApi anonymous() {
        return as(null);
    }

    // --- raw HTTP -----------------------------------------------------------------------------

    public ApiResponse get(String path) {
        return send("GET", path, HttpRequest.BodyPublishers.noBody());
    }

    public ApiResponse post(String path, JsonValue body) {
        return postRaw(path, body.toString());
    }

    /** POSTs {@code body} as is, with {@code Content-Type: application/json}, valid JSON or not. */
    public ApiResponse postRaw(String path, String body) {
        return send("POST", path, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }

    /** POSTs {@code body} with the given Content-Type header instead of application/json. */
    public ApiResponse postAs(String path, String body, String contentType) {
        return send("POST", path, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8), contentType);
    }

    public ApiResponse delete(String path) {
        return send("DELETE", path, HttpRequest.BodyPublishers.noBody());
    }

    public ApiResponse put(String path, JsonValue body) {
        return send("PUT", path, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
    }

    private ApiResponse send(String method, String path, HttpRequest.BodyPublisher body) {
        return send(method, path, body, "GET".equals(method) || "DELETE".equals(method) ? null : "application/json");
    }

    private ApiResponse send(String method, String path, HttpRequest.BodyPublisher body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .method(method, body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new ApiResponse(method + " " + path, response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // --- the task path ------------------------------------------------------------------------

    /** {@code POST /v3/functions}; returns the function id. */
    public String registerFunction(String name, String functionCode) {
        ApiResponse r = post("/v3/functions", Json.createObjectBuilder()
                .add("function_name", name)
                .add("function_code", functionCode)
                .build());
        assertEquals(200, r.status(), () -> "registering " + name + ": " + r);
        return r.object().getString("function_uuid");
    }

    /**
     * {@code POST /v3/endpoints/{id}/submit} of several functions with several payloads each, in one
     * request and one task group.
     *
     * @param resultSerializers empty for the default (dill)
     */
    public Submitted submit(String endpointId, Map<String, List<String>> payloadsByFunction,
                            List<String> resultSerializers) {
        return submit(endpointId, payloadsByFunction, resultSerializers, 0);
    }

    /**
     * As {@link #submit(String, Map, List)}, each task allowed {@code maxRetries} attempts after its first
     * (a task whose worker is lost is only run again within that budget).
     */
    public Submitted submit(String endpointId, Map<String, List<String>> payloadsByFunction,
                            List<String> resultSerializers, int maxRetries) {
        JsonObject body = Json.createObjectBuilder(submitBody(payloadsByFunction, resultSerializers))
                .add("max_retries", maxRetries).build();
        ApiResponse r = post("/v3/endpoints/" + endpointId + "/submit", body);
        assertEquals(200, r.status(), () -> "submit: " + r);
        JsonObject doc = r.object();
        Map<String, List<String>> ids = new LinkedHashMap<>();
        JsonObject tasks = doc.getJsonObject("tasks");
        payloadsByFunction.keySet().forEach(fn -> ids.put(fn, strings(tasks.getJsonArray(fn))));
        return new Submitted(doc.getString("request_id"), doc.getString("task_group_id"),
                doc.getString("endpoint_id"), ids);
    }

    /** Submits one payload of one function; returns the task id. */
    public String submitOne(String endpointId, String functionId, String payload, String... resultSerializers) {
        return submit(endpointId, Map.of(functionId, List.of(payload)), List.of(resultSerializers))
                .tasks().get(functionId).get(0);
    }

    public static JsonObject submitBody(Map<String, List<String>> payloadsByFunction, List<String> resultSerializers) {
        JsonObjectBuilder tasks = Json.createObjectBuilder();
        payloadsByFunction.forEach((fn, payloads) -> tasks.add(fn, Json.createArrayBuilder(payloads)));
        JsonObjectBuilder body = Json.createObjectBuilder().add("tasks", tasks);
        if (!resultSerializers.isEmpty()) {
            body.add("result_serializers", Json.createArrayBuilder(resultSerializers));
        }
        return body.build();
    }

    /** {@code POST /v2/batch_status}; the {@code results} object, keyed by task id. */
    public JsonObject batchStatus(Collection<String> taskIds) {
        ApiResponse r = post("/v2/batch_status", Json.createObjectBuilder()
                .add("task_ids", Json.createArrayBuilder(taskIds)).build());
        assertEquals(200, r.status(), () -> "batch_status: " + r);
        JsonObject doc = r.object();
        assertEquals("batch", doc.getString("response", null), () -> "batch_status: " + r);
        return doc.getJsonObject("results");
    }

    /** Polls {@code POST /v2/batch_status} until every task is terminal; their documents by id. */
    public Map<String, JsonObject> awaitTerminal(Collection<String> taskIds, Duration timeout) {
        Map<String, JsonObject> done = new LinkedHashMap<>();
        List<String> pending = new ArrayList<>(taskIds);
        Poll.until(timeout, Duration.ofMillis(250), () -> {
            for (int i = 0; i < pending.size(); i += STATUS_CHUNK) {
                JsonObject results = batchStatus(pending.subList(i, Math.min(pending.size(), i + STATUS_CHUNK)));
                results.forEach((id, doc) -> {
                    if (doc.getValueType() == JsonValue.ValueType.OBJECT
                            && TERMINAL.contains(doc.asJsonObject().getString("status", ""))) {
                        done.put(id, doc.asJsonObject());
                    }
                });
            }
            pending.removeIf(done::containsKey);
            return pending.isEmpty();
        }, () -> pending.size() + " of " + taskIds.size() + " tasks not terminal, e.g. "
                + (pending.isEmpty() ? "" : get("/v2/tasks/" + pending.get(0)).shortBody()));
        Map<String, JsonObject> inOrder = new LinkedHashMap<>();
        taskIds.forEach(id -> inOrder.put(id, done.get(id)));
        return inOrder;
    }

    public JsonObject awaitTerminal(String taskId, Duration timeout) {
        return awaitTerminal(List.of(taskId), timeout).get(taskId);
    }

    /** {@code GET /v2/tasks/{id}}, asserting 200. */
    public JsonObject task(String taskId) {
        ApiResponse r = get("/v2/tasks/" + taskId);
        assertEquals(200, r.status(), () -> "task " + taskId + ": " + r);
        return r.object();
    }

    static List<String> strings(JsonArray array) {
        return array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    /** What a submit answered: the task ids per function, in payload order. */
    public record Submitted(String requestId, String taskGroupId, String endpointId, Map<String, List<String>> tasks) {
        public List<String> allTaskIds() {
            return tasks.values().stream().flatMap(List::stream).toList();
        }
    }
}
