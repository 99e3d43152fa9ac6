package org.funcfabric.systemtest;

import static org.funcfabric.systemtest.support.Buffers.args;
import static org.funcfabric.systemtest.support.Buffers.shellFunction;
import static org.funcfabric.systemtest.support.ErrorEnvelope.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.funcfabric.systemtest.support.ApiResponse;
import org.funcfabric.systemtest.support.FabricApi;
import org.funcfabric.systemtest.support.FabricStack;
import org.funcfabric.systemtest.support.PythonScript;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

/**
 * Globus Compute compatibility (issue 4). A Python client that speaks API.md's wire format as the
 * Globus Compute SDK does ({@code src/test/python/gc_client.py}, Debian's python3-requests and
 * python3-dill) runs its checks against a real stack; the Java side covers what needs a second user
 * or an endpoint of its own: the remote lock and foreign task groups.
 */
class GlobusComputeClientIT {
    @RegisterExtension
    static final FabricStack STACK = FabricStack.withSlots(2);

    static final Duration CLIENT_DEADLINE = Duration.ofSeconds(300);
    static final Duration TASK_DEADLINE = Duration.ofSeconds(120);

    private static String bobToken;
    private final FabricApi api = STACK.api();

    @BeforeAll
    static void mintSecondUser() {
        bobToken = STACK.mintToken("bob", "user");
    }

    @Test
    void pythonClientSpeaksTheGlobusComputeWireFormat() throws Exception {
        PythonScript.assertPasses("gc_client.py", List.of("--deadline", Long.toString(CLIENT_DEADLINE.toSeconds() - 30)),
                Map.of("FF_BASE_URL", STACK.baseUrl().toString(),
                        "FF_TOKEN", STACK.token(),
                        "FF_ENDPOINT_ID", STACK.endpointId()),
                CLIENT_DEADLINE, "python3 python3-dill python3-requests");
    }

    @Test
    void lockedEndpointRefusesTasksAndReRegistration() {
        String name = "lock-" + UUID.randomUUID().toString().substring(0, 8);
        JsonObject registration = Json.createObjectBuilder().add("endpoint_name", name).build();
        ApiResponse created = api.post("/v3/endpoints", registration);
        assertEquals(200, created.status(), () -> "register: " + created);
        String endpoint = created.object().getString("endpoint_id");
        String fn = api.registerFunction("echo", shellFunction("echo {0}", 10));
        JsonObject submit = FabricApi.submitBody(Map.of(fn, List.of(args("before"))), List.of());
        assertEquals(200, api.post("/v3/endpoints/" + endpoint + "/submit", submit).status(), "submit before the lock");

        assertError(api.as(bobToken).post("/v3/endpoints/" + endpoint + "/lock", Json.createObjectBuilder().build()),
                404, "ENDPOINT_NOT_FOUND");

        ApiResponse locked = api.post("/v3/endpoints/" + endpoint + "/lock", Json.createObjectBuilder().build());
        assertEquals(200, locked.status(), () -> "lock: " + locked);
        assertEquals(endpoint, locked.object().getString("endpoint_id"));
        Instant expires = Instant.parse(locked.object().getString("lock_expiration_timestamp"));
        assertTrue(expires.isAfter(Instant.now()), () -> "lock expires in the past: " + expires);

        assertError(api.post("/v3/endpoints/" + endpoint + "/submit", submit), 423, "RESOURCE_LOCKED");
        assertError(api.put("/v3/endpoints/" + endpoint, registration), 423, "RESOURCE_LOCKED");
        ApiResponse legacy = api.post("/v2/submit", Json.createObjectBuilder()
                .add("tasks", Json.createArrayBuilder().add(Json.createArrayBuilder().add(fn).add(endpoint).add(args("x"))))
                .build());
        assertEquals(200, legacy.status(), () -> "/v2/submit: " + legacy);
        JsonObject result = legacy.object().getJsonArray("results").getJsonObject(0);
        assertEquals("Failed", result.getString("status"), result::toString);
        assertEquals(423, result.getInt("http_status_code"), result::toString);
        assertEquals(200, api.get("/v2/endpoints/" + endpoint).status(), "a locked endpoint is still readable");
        assertEquals(200, api.post("/v3/endpoints/" + STACK.endpointId() + "/submit",
                FabricApi.submitBody(Map.of(fn, List.of(args("other"))), List.of())).status(), "other endpoints are not locked");
    }

    @Test
    void taskGroupIsVisibleToItsOwnerOnly() {
        String fn = api.registerFunction("echo", shellFunction("echo {0}", 10));
        FabricApi.Submitted submitted = api.submit(STACK.endpointId(), Map.of(fn, List.of(args("a"), args("b"))), List.of());
        String group = submitted.taskGroupId();

        ApiResponse mine = api.get("/v2/taskgroup/" + group);
        assertEquals(200, mine.status(), () -> "own task group: " + mine);
        assertEquals(group, mine.object().getString("taskgroup_id"));
        List<String> listed = mine.object().getJsonArray("tasks").getValuesAs(JsonObject.class).stream()
                .map(t -> t.getString("id")).sorted().toList();
        assertEquals(submitted.allTaskIds().stream().sorted().toList(), listed);
        mine.object().getJsonArray("tasks").getValuesAs(JsonObject.class)
                .forEach(t -> Instant.parse(((JsonString) t.get("created_at")).getString()));

        assertError(api.as(bobToken).get("/v2/taskgroup/" + group), 404, "TASK_GROUP_NOT_FOUND");
        assertError(api.get("/v2/taskgroup/" + UUID.randomUUID()), 404, "TASK_GROUP_NOT_FOUND");
        assertError(api.get("/v2/taskgroup/not-a-uuid"), 400, "INVALID_UUID");
        assertError(api.anonymous().get("/v2/taskgroup/" + group), 401, "USER_UNAUTHENTICATED", "INVALID_AUTH_TOKEN");
        // bob cannot join dev's group by naming it either
        assertError(api.as(bobToken).post("/v2/submit", Json.createObjectBuilder().add("task_group_id", group)
                .add("tasks", Json.createArrayBuilder().add(Json.createArrayBuilder().add(fn).add(STACK.endpointId()).add(args("x"))))
                .build()), 404, "TASK_GROUP_NOT_FOUND");
        api.awaitTerminal(submitted.allTaskIds(), TASK_DEADLINE);
    }
}
