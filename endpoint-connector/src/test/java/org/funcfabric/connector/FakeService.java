package org.funcfabric.connector;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A tiny HTTP server playing the service's endpoint registration routes, so that connector logic is
 * tested against real HTTP without the service. Each test decides the answers.
 */
public final class FakeService implements AutoCloseable {
    /** One request as the service saw it. */
    public record Request(String method, String path, String authorization, String body) {
    }

    /** One answer: HTTP status and JSON body. */
    public record Response(int status, String body) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Function<Request, Response> answers;

    public FakeService(Function<Request, Response> answers) throws IOException {
        this.answers = answers;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Request> requests() {
        return requests;
    }

    public void answer(Function<Request, Response> newAnswers) {
        answers = newAnswers;
    }

    /** A registration answer as API.md describes it, with a field the connector does not know. */
    public static Response registered(String endpointId, String brokerUrl) {
        JsonObject body = Json.createObjectBuilder()
                .add("endpoint_id", endpointId)
                .add("task_queue_info", queue(brokerUrl, "fabric.tasks." + endpointId))
                .add("result_queue_info", queue(brokerUrl, "fabric.results"))
                .add("heartbeat_queue_info", queue(brokerUrl, "fabric.heartbeats"))
                .add("command_queue_info", queue(brokerUrl, "fabric.commands." + endpointId))
                .add("some_future_field", Json.createObjectBuilder().add("x", 1))
                .build();
        return new Response(200, body.toString());
    }

    /** A new endpoint id for every POST, the known one echoed on PUT. */
    public static Function<Request, Response> registrar(String brokerUrl) {
        return request -> request.method().equals("PUT")
                ? registered(request.path().substring("/v3/endpoints/".length()), brokerUrl)
                : registered(UUID.randomUUID().toString(), brokerUrl);
    }

    /** The service's error envelope (API.md). */
    public static Response error(int status, String code, String reason) {
        JsonObject body = Json.createObjectBuilder()
                .add("status", "Failed")
                .add("code", code)
                .add("reason", reason)
                .add("message", reason)
                .add("http_status_code", status)
                .add("error_args", Json.createArrayBuilder())
                .build();
        return new Response(status, body.toString());
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static JsonObject queue(String brokerUrl, String queue) {
        return Json.createObjectBuilder()
                .add("connection_url", brokerUrl)
                .add("queue", queue)
                .add("username", "fabric-endpoint")
                .add("password", "endpoint-secret")
                .build();
    }

    private void handle(HttpExchange exchange) throws IOException {
        Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("Authorization"),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        requests.add(request);
        Response response = answers.apply(request);
        byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(response.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
