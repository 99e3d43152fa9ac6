package org.funcfabric.systemtest.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.funcfabric.client.AccessDeniedException;
import org.funcfabric.client.FuncFabricClient;
import org.funcfabric.client.FuncFabricException;
import org.funcfabric.client.ResourceNotFoundException;
import org.funcfabric.client.ServiceRefusedException;
import org.funcfabric.client.ServiceUnavailableException;
import org.funcfabric.client.TaskEventSubscription;
import org.funcfabric.client.UnauthenticatedException;
import org.funcfabric.client.WireFormat;
import org.funcfabric.client.model.EndpointDocument;
import org.funcfabric.client.model.EndpointRegistered;
import org.funcfabric.client.model.EndpointRegistration;
import org.funcfabric.client.model.EndpointRole;
import org.funcfabric.client.model.EndpointStatus;
import org.funcfabric.client.model.FunctionDocument;
import org.funcfabric.client.model.FunctionRegistration;
import org.funcfabric.client.model.FunctionSummary;
import org.funcfabric.client.model.ShellResult;
import org.funcfabric.client.model.Submission;
import org.funcfabric.client.model.SubmitResponse;
import org.funcfabric.client.model.TaskDocument;
import org.funcfabric.client.model.TaskEvent;
import org.funcfabric.client.model.TaskGroup;
import org.funcfabric.systemtest.support.ApiResponse;
import org.funcfabric.systemtest.support.ErrorEnvelope;
import org.funcfabric.systemtest.support.FabricApi;
import org.funcfabric.systemtest.support.FabricStack;
import org.funcfabric.systemtest.support.Poll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Every typed method of {@link FuncFabricClient} against the real service, and the typed exceptions
 * with the service's error codes for 400, 401, 403, 404 and 423. Also the service's function listing
 * ({@code GET /v2/functions}) as raw HTTP: its shape, and that it shows the caller's own functions only.
 */
class FuncFabricClientIT {
    @RegisterExtension
    static final FabricStack STACK = FabricStack.withSlots(2);

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private static FuncFabricClient client;

    @BeforeAll
    static void connect() {
        client = clientWith(STACK.token());
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    static FuncFabricClient clientWith(String token) {
        return FuncFabricClient.builder().serviceUrl(STACK.baseUrl()).token(token).build();
    }

    @Test
    void versionHealthAndOpenApi() {
        assertEquals("1.0.0", client.version());
        assertEquals("1.0.0", client.versions().api());
        assertNotNull(client.versions().minEpVersion());
        assertEquals("UP", client.health().status(), () -> "health " + client.health());
        assertTrue(client.openApi().contains("/v2/tasks/{id}"), "the OpenAPI document lists the routes");
        try (FuncFabricClient anonymous = clientWith(null)) {
            assertEquals("1.0.0", anonymous.version(), "the version is open");
        }
    }

    @Test
    void functionLifecycle() {
        String id = client.registerFunction(FunctionRegistration.shell("client-it-echo", "echo {0}", 10)
                .withDescription("echoes its argument")).functionUuid();

        FunctionDocument doc = client.getFunction(id);
        assertEquals("client-it-echo", doc.functionName());
        assertEquals("echoes its argument", doc.description());
        assertEquals("sh", doc.header());
        FunctionSummary listed = client.listFunctions().stream().filter(f -> f.functionUuid().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError(id + " not listed"));
        assertEquals("sh", listed.header());
        assertEquals(Boolean.FALSE, listed.isPublic());

        client.deleteFunction(id);
        assertFalse(client.listFunctions().stream().anyMatch(f -> f.functionUuid().equals(id)), "deleted, not listed");
        ResourceNotFoundException gone = assertThrows(ResourceNotFoundException.class, () -> client.getFunction(id));
        assertEquals("FUNCTION_NOT_FOUND", gone.errorCode());
        assertEquals(404, gone.httpStatus());
    }

    @Test
    void taskPathWithStatusBatchStatusGroupAndEvents() {
        String echo = client.registerFunction(FunctionRegistration.shell("client-it-echo", "echo {word}", 10))
                .functionUuid();
        String group = UUID.randomUUID().toString();
        List<String> payloads = List.of(WireFormat.payload(List.of(), Map.of("word", "one")),
                WireFormat.payload(List.of(), Map.of("word", "two")));

        SubmitResponse submitted = client.submit(STACK.endpointId(), Submission.of(Map.of(echo, payloads), group));
        assertEquals(group, submitted.taskGroupId(), "the client chose the group");
        assertEquals(STACK.endpointId(), submitted.endpointId());
        List<String> ids = submitted.tasks().get(echo);
        assertEquals(2, ids.size());

        List<TaskEvent> events = new CopyOnWriteArrayList<>();
        try (TaskEventSubscription stream = client.subscribe(group, 0, events::add, e -> { })) {
            Poll.until(DEADLINE, Duration.ofMillis(100), () -> events.size() == 2, () -> "events " + events);
            assertEquals(2, stream.lastEventId());
        }
        assertEquals(List.of(1L, 2L), events.stream().map(TaskEvent::id).sorted().toList());

        TaskDocument first = client.getTask(ids.get(0));
        assertTrue(first.isSuccess(), first::toString);
        assertEquals(group, first.taskGroupId());
        ShellResult result = WireFormat.decode(first.result(), ShellResult.class);
        assertEquals("one\n", result.stdout());
        String unknown = UUID.randomUUID().toString();
        Map<String, TaskDocument> batch = client.batchStatus(List.of(ids.get(1), unknown)).results();
        assertEquals("two\n", WireFormat.<ShellResult>decode(batch.get(ids.get(1)).result(), ShellResult.class).stdout());
        assertTrue(batch.get(unknown).isUnknown(), () -> "unknown id: " + batch.get(unknown));
        assertEquals("unknown task id", batch.get(unknown).reason());
        TaskGroup listing = client.getTaskGroup(group);
        assertEquals(group, listing.taskgroupId());
        assertEquals(ids.stream().sorted().toList(), listing.tasks().stream().map(TaskGroup.Member::id).sorted().toList());
        assertEquals(events.stream().map(e -> e.task().taskId()).sorted().toList(), ids.stream().sorted().toList());
    }

    @Test
    void cancellingAFinishedTaskLeavesItAsItEndedWhereTheServiceHasTheRoute() {
        String echo = client.registerFunction(FunctionRegistration.shell("client-it-echo", "echo done", 10)).functionUuid();
        String id = client.submit(STACK.endpointId(), Submission.of(Map.of(echo, List.of(WireFormat.payload(List.of(),
                Map.of()))), null)).tasks().get(echo).get(0);
        Poll.until(DEADLINE, Duration.ofMillis(200), () -> client.getTask(id).isTerminal(), () -> "task " + id);

        try {
            assertEquals("success", client.cancelTask(id).status());
        } catch (ServiceRefusedException notYet) {
            // POST /v2/tasks/{id}/cancel comes with a later issue: until then the service has no such route.
            assertTrue(notYet.httpStatus() == 404 || notYet.httpStatus() == 405, notYet::toString);
            assertTrue(List.of("ROUTE_NOT_FOUND", "METHOD_NOT_ALLOWED").contains(notYet.errorCode()), notYet::toString);
        }
    }

    @Test
    void endpointsListedReadAndTheLocalOneOnline() {
        assertTrue(client.listEndpoints(EndpointRole.OWNER).stream().anyMatch(e -> e.uuid().equals(STACK.endpointId())));
        assertTrue(client.listEndpoints(EndpointRole.ANY).stream().anyMatch(e -> e.uuid().equals(STACK.endpointId())));
        EndpointDocument doc = client.getEndpoint(STACK.endpointId());
        assertEquals(STACK.endpointId(), doc.uuid());
        assertEquals("dev", doc.owner());
        AtomicReference<EndpointStatus> status = new AtomicReference<>();
        Poll.until(DEADLINE, Duration.ofMillis(500), () -> {
            status.set(client.endpointStatus(STACK.endpointId()));
            return "online".equals(status.get().status());
        }, () -> "status " + status.get());
        assertTrue(status.get().details().totalWorkers() >= 1, status.get()::toString);
        assertEquals(Boolean.FALSE, client.allowedFunctions(STACK.endpointId()).restricted());
        assertTrue(client.resultQueueAccess().connectionUrl().startsWith("amqp://"));
    }

    @Test
    void endpointRegisteredUpdatedLockedAndDeleted() {
        String name = "client-it-" + UUID.randomUUID().toString().substring(0, 8);
        EndpointRegistered registered = client.registerEndpoint(EndpointRegistration.named(name));
        String id = registered.endpointId();
        assertNotNull(registered.taskQueueInfo().queue());

        ServiceRefusedException taken = assertThrows(ServiceRefusedException.class,
                () -> client.registerEndpoint(EndpointRegistration.named(name)));
        assertEquals("RESOURCE_CONFLICT", taken.errorCode());
        assertEquals(409, taken.httpStatus());
        assertEquals(id, client.updateEndpoint(id, new EndpointRegistration(name, "Client IT", null, null, null))
                .endpointId());
        assertEquals("Client IT", client.getEndpoint(id).displayName());

        assertNotNull(client.lockEndpoint(id).lockExpirationTimestamp());
        String echo = client.registerFunction(FunctionRegistration.shell("client-it-echo", "echo", 10)).functionUuid();
        ServiceRefusedException locked = assertThrows(ServiceRefusedException.class, () -> client.submit(id,
                Submission.of(Map.of(echo, List.of(WireFormat.payload(List.of(), Map.of()))), null)));
        assertEquals("RESOURCE_LOCKED", locked.errorCode());
        assertEquals(423, locked.httpStatus());

        client.deleteEndpoint(id);
        ResourceNotFoundException gone = assertThrows(ResourceNotFoundException.class, () -> client.getEndpoint(id));
        assertEquals("ENDPOINT_NOT_FOUND", gone.errorCode());
    }

    @Test
    void errorsAreTypedWithTheServicesCodes() {
        String unknown = UUID.randomUUID().toString();
        ResourceNotFoundException noTask = assertThrows(ResourceNotFoundException.class, () -> client.getTask(unknown));
        assertEquals("TASK_NOT_FOUND", noTask.errorCode());
        ResourceNotFoundException noGroup = assertThrows(ResourceNotFoundException.class,
                () -> client.getTaskGroup(unknown));
        assertEquals("TASK_GROUP_NOT_FOUND", noGroup.errorCode());

        ServiceRefusedException badId = assertThrows(ServiceRefusedException.class, () -> client.getTask("not-a-uuid"));
        assertEquals("INVALID_UUID", badId.errorCode());
        assertEquals(400, badId.httpStatus());
        ServiceRefusedException noName = assertThrows(ServiceRefusedException.class,
                () -> client.registerFunction(FunctionRegistration.shell("", "echo", 1)));
        assertEquals("REQUEST_KEY_ERROR", noName.errorCode());
        assertTrue(noName.getMessage().contains("function_name"), noName::getMessage);

        try (FuncFabricClient anonymous = clientWith(null)) {
            UnauthenticatedException e = assertThrows(UnauthenticatedException.class, anonymous::listFunctions);
            assertEquals(401, e.httpStatus());
        }
        try (FuncFabricClient forged = clientWith(STACK.token() + "x")) {
            UnauthenticatedException e = assertThrows(UnauthenticatedException.class,
                    () -> forged.listEndpoints(EndpointRole.OWNER));
            assertEquals("INVALID_AUTH_TOKEN", e.errorCode());
        }
        try (FuncFabricClient noRole = clientWith(STACK.mintToken("carol", "nobody"))) {
            AccessDeniedException e = assertThrows(AccessDeniedException.class, noRole::listFunctions);
            assertEquals("INSUFFICIENT_AUTH_SCOPE", e.errorCode());
        }
        try (FuncFabricClient nowhere = FuncFabricClient.builder().serviceUrl("http://127.0.0.1:9").token("t")
                .retries(1, Duration.ofMillis(10)).build()) {
            ServiceUnavailableException e = assertThrows(ServiceUnavailableException.class, nowhere::version);
            assertEquals(FuncFabricException.SERVICE_UNREACHABLE, e.errorCode());
        }
    }

    @Test
    void eventStreamOfAnotherUsersGroupFailsWithTheServicesCode() {
        String echo = client.registerFunction(FunctionRegistration.shell("client-it-echo", "echo", 10)).functionUuid();
        String group = client.submit(STACK.endpointId(), Submission.of(Map.of(echo,
                List.of(WireFormat.payload(List.of(), Map.of()))), null)).taskGroupId();
        List<FuncFabricException> failures = new CopyOnWriteArrayList<>();

        try (FuncFabricClient bob = clientWith(STACK.mintToken("bob", "user"));
             TaskEventSubscription stream = bob.subscribe(group, 0, e -> { }, failures::add)) {
            Poll.until(DEADLINE, Duration.ofMillis(100), () -> !failures.isEmpty(), () -> "no failure reported");
            assertFalse(stream.isOpen(), "a refused stream stays closed");
        }
        assertEquals(List.of("TASK_GROUP_NOT_FOUND"), failures.stream().map(FuncFabricException::errorCode).toList());
        assertTrue(failures.get(0) instanceof ResourceNotFoundException, failures::toString);
    }

    // --- GET /v2/functions over plain HTTP, as any client sees it ------------------------------

    @Test
    void functionListingShowsTheCallersOwnFunctionsWithoutTheirCode() {
        FabricApi dev = STACK.api();
        String mine = dev.registerFunction("listed", "sh\n{\"cmd\": \"echo listed\"}");
        FabricApi bob = dev.as(STACK.mintToken("bob", "user"));
        String bobs = bob.registerFunction("bobs", "sh\n{\"cmd\": \"echo bob\"}");

        ApiResponse r = dev.get("/v2/functions");
        assertEquals(200, r.status(), r::toString);
        List<JsonObject> listed = new ArrayList<>();
        r.json().asJsonArray().forEach(v -> listed.add(v.asJsonObject()));
        JsonObject entry = listed.stream().filter(f -> mine.equals(f.getString("function_uuid"))).findFirst()
                .orElseThrow(() -> new AssertionError(mine + " not in " + r.body()));
        assertEquals("listed", entry.getString("function_name"));
        assertEquals("sh", entry.getString("header"));
        assertEquals(JsonValue.FALSE, entry.get("public"));
        assertTrue(entry.getString("created_at").endsWith("Z"), entry::toString);
        assertFalse(entry.containsKey("function_code"), "a listing leaves the code out");
        assertFalse(listed.stream().anyMatch(f -> bobs.equals(f.getString("function_uuid"))), "bob's is not dev's");
        assertTrue(bob.get("/v2/functions").json().asJsonArray().stream()
                .noneMatch(f -> mine.equals(f.asJsonObject().getString("function_uuid"))), "dev's is not bob's");
    }

    @Test
    void functionListingNeedsAUserToken() {
        ApiResponse anonymous = STACK.api().anonymous().get("/v2/functions");
        ErrorEnvelope.assertError(anonymous, 401, "USER_UNAUTHENTICATED", "INVALID_AUTH_TOKEN");

        ApiResponse noRole = STACK.api().as(STACK.mintToken("carol", "nobody")).get("/v2/functions");
        ErrorEnvelope.assertError(noRole, 403, "INSUFFICIENT_AUTH_SCOPE");
    }
}
