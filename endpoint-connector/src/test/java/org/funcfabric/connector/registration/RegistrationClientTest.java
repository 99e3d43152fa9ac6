package org.funcfabric.connector.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.funcfabric.connector.FakeService;
import org.funcfabric.connector.FakeService.Request;
import org.funcfabric.protocol.AllowedFunctions;
import org.funcfabric.protocol.ProtocolJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistrationClientTest {
    private static final String BROKER = "tcp://127.0.0.1:61616";
    private static final String TOKEN = "header.payload.signature";
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private FakeService service;
    private EndpointStateFile state;

    @BeforeEach
    void startService() throws IOException {
        service = new FakeService(FakeService.registrar(BROKER));
        state = new EndpointStateFile(dir.resolve("endpoint.json"));
    }

    @AfterEach
    void stopService() {
        service.close();
    }

    @Test
    void firstStartPostsAndSavesTheId() {
        EndpointRegistration registration = client().register("laptop", AllowedFunctions.ANY);

        Request request = service.requests().get(0);
        assertEquals("POST", request.method());
        assertEquals("/v3/endpoints", request.path());
        assertEquals("Bearer " + TOKEN, request.authorization());
        assertEquals(new RegistrationRequest("laptop", "laptop", null),
                ProtocolJson.fromJson(request.body(), RegistrationRequest.class));
        assertTrue(request.body().contains("\"endpoint_name\""), request.body());
        // left out rather than empty, which the service would read as "no function may run here"
        assertFalse(request.body().contains("allowed_functions"), request.body());
        assertEquals(registration.endpointId(), state.endpointId().orElseThrow());
        assertEquals("fabric.tasks." + registration.endpointId(), registration.taskQueueInfo().queue());
        assertEquals(BROKER, registration.heartbeatQueueInfo().connectionUrl());
        assertEquals("endpoint-secret", registration.taskQueueInfo().password());
    }

    @Test
    void secondStartPutsWithTheSavedId() {
        String first = client().register("laptop", AllowedFunctions.ANY).endpointId();
        String second = client().register("laptop", AllowedFunctions.ANY).endpointId();

        assertEquals(first, second);
        Request put = service.requests().get(1);
        assertEquals("PUT", put.method());
        assertEquals("/v3/endpoints/" + first, put.path());
        assertEquals("Bearer " + TOKEN, put.authorization());
    }

    @Test
    void allowedFunctionsAreSentOnEveryRegistration() {
        String fn = UUID.randomUUID().toString();
        AllowedFunctions allowed = AllowedFunctions.of(List.of(fn.toUpperCase()));

        client().register("laptop", allowed);
        client().register("laptop", allowed);

        assertEquals(List.of("POST", "PUT"), service.requests().stream().map(Request::method).toList());
        for (Request request : service.requests()) {
            assertTrue(request.body().contains("\"allowed_functions\":[\"" + fn + "\"]"), request.body());
        }
    }

    @Test
    void unknownIdOnPutFallsBackToPost() {
        String forgotten = UUID.randomUUID().toString();
        state.save(forgotten);
        service.answer(request -> request.method().equals("PUT")
                ? FakeService.error(404, "ENDPOINT_NOT_FOUND", "Endpoint " + forgotten + " not found")
                : FakeService.registrar(BROKER).apply(request));

        String id = client().register("laptop", AllowedFunctions.ANY).endpointId();

        assertEquals(List.of("PUT", "POST"), service.requests().stream().map(Request::method).toList());
        assertNotEquals(forgotten, id);
        assertEquals(id, state.endpointId().orElseThrow());
    }

    @Test
    void nameTakenWithoutSavedIdTakesTheExistingEndpointOver() {
        String existing = UUID.randomUUID().toString();
        service.answer(request -> switch (request.method()) {
            case "POST" -> FakeService.error(409, "RESOURCE_CONFLICT", "You already have an endpoint named 'laptop'");
            case "GET" -> new FakeService.Response(200, "[{\"uuid\": \"" + UUID.randomUUID()
                    + "\", \"name\": \"other\"}, {\"uuid\": \"" + existing + "\", \"name\": \"laptop\"}]");
            default -> FakeService.registered(existing, BROKER);
        });

        String id = client().register("laptop", AllowedFunctions.ANY).endpointId();

        assertEquals(List.of("POST", "GET", "PUT"), service.requests().stream().map(Request::method).toList());
        assertEquals("/v3/endpoints/" + existing, service.requests().get(2).path());
        assertEquals(existing, id);
        assertEquals(existing, state.endpointId().orElseThrow());
    }

    @Test
    void applicationNotDeployedYetIsRetried() {
        AtomicInteger calls = new AtomicInteger();
        service.answer(request -> switch (calls.incrementAndGet()) {
            case 1, 2 -> new FakeService.Response(404, "<html>Not Found</html>");
            case 3 -> new FakeService.Response(500, ""); // Payara, a moment after the deployment
            case 4 -> new FakeService.Response(403, "<html>Payara Micro - Error report</html>");
            default -> FakeService.registrar(BROKER).apply(request);
        });

        String id = client().register("laptop", AllowedFunctions.ANY).endpointId();

        assertEquals(5, service.requests().size());
        assertEquals(id, state.endpointId().orElseThrow());
    }

    @Test
    void refusedTokenIsOneClearLine() {
        service.answer(request -> FakeService.error(401, "INVALID_AUTH_TOKEN", "token expired"));

        RegistrationException e = assertThrows(RegistrationException.class, () -> client().register("laptop", AllowedFunctions.ANY));

        assertEquals("the service refused the token (401 INVALID_AUTH_TOKEN): token expired", e.getMessage());
        assertTrue(e.mustFixConfiguration());
        assertTrue(state.endpointId().isEmpty());
    }

    @Test
    void serverErrorIsNotTheUsersToFix() {
        AtomicInteger calls = new AtomicInteger();
        service.answer(request -> {
            calls.incrementAndGet();
            return FakeService.error(500, "INTERNAL_ERROR", "bug");
        });

        RegistrationException e = assertThrows(RegistrationException.class, () -> client().register("laptop", AllowedFunctions.ANY));

        assertEquals("the service failed the registration (500 INTERNAL_ERROR): bug", e.getMessage());
        assertEquals(false, e.mustFixConfiguration());
        assertEquals(4, calls.get(), "asked again three times: a fresh deployment can fail its first requests");
    }

    @Test
    void aPassingServerErrorIsAskedAgain() {
        AtomicInteger calls = new AtomicInteger();
        service.answer(request -> calls.incrementAndGet() == 1
                ? FakeService.error(500, "INTERNAL_ERROR", "race at deployment")
                : FakeService.registrar(BROKER).apply(request));

        assertTrue(client().register("laptop", AllowedFunctions.ANY).endpointId() != null);
    }

    @Test
    void serviceNotReadyYetIsRetried() {
        AtomicInteger calls = new AtomicInteger();
        service.answer(request -> calls.incrementAndGet() < 3
                ? FakeService.error(503, "UNAVAILABLE", "starting")
                : FakeService.registrar(BROKER).apply(request));

        client().register("laptop", AllowedFunctions.ANY);

        assertEquals(3, service.requests().size());
    }

    @Test
    void unreachableServiceGivesUpAfterTheWait() throws IOException {
        URI closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        RegistrationClient client = new RegistrationClient(closed, TOKEN, state, Duration.ofSeconds(1));

        RegistrationException e = assertThrows(RegistrationException.class, () -> client.register("laptop", AllowedFunctions.ANY));

        assertTrue(e.getMessage().startsWith("cannot reach the service at " + closed + " within 1 s"), e.getMessage());
        assertTrue(e.mustFixConfiguration());
    }

    @Test
    void damagedStateFileIsReportedNotReplaced() throws IOException {
        Files.writeString(state.path(), ProtocolJson.toJson(new EndpointStateFile.State("../../admin")));

        RegistrationException e = assertThrows(RegistrationException.class, () -> client().register("laptop", AllowedFunctions.ANY));

        assertTrue(e.getMessage().endsWith(": fix or remove it"), e.getMessage());
        assertTrue(service.requests().isEmpty());
    }

    private RegistrationClient client() {
        return new RegistrationClient(service.url(), TOKEN, state, WAIT);
    }
}
