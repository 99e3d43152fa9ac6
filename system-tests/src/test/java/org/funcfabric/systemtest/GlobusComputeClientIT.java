package org.funcfabric.systemtest;

import static org.funcfabric.systemtest.support.Buffers.args;
import static org.funcfabric.systemtest.support.Buffers.shellFunction;
import static org.funcfabric.systemtest.support.ErrorEnvelope.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.funcfabric.systemtest.support.ApiResponse;
import org.funcfabric.systemtest.support.FabricApi;
import org.funcfabric.systemtest.support.FabricStack;
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

    static final Path PYTHON = Path.of("/usr/bin/python3");
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
        Path script = Path.of(System.getProperty("fabric.python.tests", "src/test/python"), "gc_client.py")
                .toAbsolutePath();
        assertTrue(Files.isRegularFile(script), () -> script + " is missing");
        assertTrue(Files.isExecutable(PYTHON), PYTHON + " is missing: apt-get install python3 python3-dill python3-requests");

        ProcessBuilder builder = new ProcessBuilder(PYTHON.toString(), script.toString(),
                "--deadline", Long.toString(CLIENT_DEADLINE.toSeconds() - 30))
                .redirectErrorStream(true);
        builder.environment().put("FF_BASE_URL", STACK.baseUrl().toString());
        builder.environment().put("FF_TOKEN", STACK.token());
        builder.environment().put("FF_ENDPOINT_ID", STACK.endpointId());
        builder.environment().put("PYTHONUNBUFFERED", "1");
        Process client = builder.start();
        client.getOutputStream().close();
        List<String> output = new ArrayList<>();
        Thread echo = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    System.out.println("[gc_client] " + line);
                    synchronized (output) {
                        output.add(line);
                    }
                }
            } catch (IOException e) {
                // the process was killed at the deadline; the assertion below says so
            }
        }, "gc_client-output");
        echo.start();
        boolean ended = client.waitFor(CLIENT_DEADLINE.toSeconds(), TimeUnit.SECONDS);
        if (!ended) {
            client.descendants().forEach(ProcessHandle::destroyForcibly);
            client.destroyForcibly();
        }
        echo.join(10_000);
        String all;
        synchronized (output) {
            all = String.join("\n", output);
        }
        assertTrue(ended, () -> "gc_client.py still running after " + CLIENT_DEADLINE.toSeconds() + " s:\n" + all);
        assertEquals(0, client.exitValue(), () -> "gc_client.py failed:\n" + all);
        assertTrue(all.lines().reduce((a, b) -> b).orElse("").matches("\\d+ passed, 0 failed.*"),
                () -> "gc_client.py's last line is not its summary:\n" + all);
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
