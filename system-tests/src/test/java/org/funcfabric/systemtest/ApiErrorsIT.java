package org.funcfabric.systemtest;

import static org.funcfabric.systemtest.support.Buffers.args;
import static org.funcfabric.systemtest.support.Buffers.shellFunction;
import static org.funcfabric.systemtest.support.ErrorEnvelope.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.funcfabric.systemtest.support.ApiResponse;
import org.funcfabric.systemtest.support.FabricApi;
import org.funcfabric.systemtest.support.FabricStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Bad input and foreign access get API.md's error envelope with the documented code, never a 500 or
 * a stack trace, and leave the service healthy. {@code {ep}} in a path stands for the stack's endpoint.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiErrorsIT {
    @RegisterExtension
    static final FabricStack STACK = FabricStack.withSlots(1);

    private static final String RANDOM = "00000000-0000-4000-8000-000000000000";
    private static final int TEN_MIB = 10 * 1024 * 1024;

    private static String bobToken;
    private final FabricApi api = STACK.api();

    @BeforeAll
    static void mintSecondUser() {
        bobToken = STACK.mintToken("bob", "user");
    }

    private static String path(String template) {
        return template.replace("{ep}", STACK.endpointId()).replace("{random}", UUID.randomUUID().toString());
    }

    private String shellFunctionOfDev() {
        return api.registerFunction("echo", shellFunction("echo {0}", 10));
    }

    // --- malformed requests -------------------------------------------------------------------

    @ParameterizedTest(name = "POST {0}")
    @ValueSource(strings = {"/v3/functions", "/v3/endpoints/{ep}/submit", "/v2/batch_status", "/v3/endpoints"})
    void malformedJsonIs400RequestMalformed(String route) {
        assertError(api.postRaw(path(route), "{not json"), 400, "REQUEST_MALFORMED");
    }

    @ParameterizedTest(name = "Content-Type: {0}")
    @ValueSource(strings = {"application", "json", "garbage/garbage/garbage", "application/json; charset="})
    void contentTypeThatIsNotAMediaTypeIs400RequestMalformed(String contentType) {
        ApiResponse response = api.postAs("/v3/functions", "{}", contentType);
        assertError(response, 400, "REQUEST_MALFORMED");
        assertTrue(response.body().contains("Content-Type header '" + contentType + "'"), response.body());
    }

    @ParameterizedTest(name = "POST {0} {1}")
    @CsvSource(delimiter = '|', value = {
            "/v3/functions             | {\"function_code\": \"sh\\n{}\"}",
            "/v3/functions             | {\"function_name\": \"f\"}",
            "/v3/endpoints/{ep}/submit | {}",
            "/v2/batch_status          | {}",
            "/v3/endpoints             | {}"})
    void missingFieldIs400RequestKeyError(String route, String body) {
        assertError(api.postRaw(path(route), body), 400, "REQUEST_KEY_ERROR");
    }

    @ParameterizedTest(name = "POST {0} {1}")
    @CsvSource(delimiter = '|', value = {
            "/v3/endpoints/{ep}/submit | {\"tasks\": \"x\"}",
            "/v3/endpoints/{ep}/submit | {\"tasks\": {\"" + RANDOM + "\": \"x\"}}",
            "/v2/batch_status          | {\"task_ids\": \"x\"}",
            "/v3/functions             | {\"function_name\": [\"f\"], \"function_code\": \"sh\\n{}\"}"})
    void wrongTypedFieldIs400RequestKeyError(String route, String body) {
        assertError(api.postRaw(path(route), body), 400, "REQUEST_KEY_ERROR");
    }

    @ParameterizedTest(name = "GET {0}")
    @ValueSource(strings = {"/v2/tasks/not-a-uuid", "/v2/functions/not-a-uuid", "/v2/endpoints/not-a-uuid",
            "/v2/endpoints/not-a-uuid/status", "/v2/tasks/" + RANDOM + "x"})
    void badUuidInPathIs400InvalidUuid(String route) {
        assertError(api.get(route), 400, "INVALID_UUID");
    }

    @Test
    void badEndpointUuidOnSubmitIs400InvalidUuid() {
        JsonObject body = FabricApi.submitBody(Map.of(shellFunctionOfDev(), List.of(args("x"))), List.of());
        assertError(api.post("/v3/endpoints/not-a-uuid/submit", body), 400, "INVALID_UUID");
    }

    // --- unknown ids --------------------------------------------------------------------------

    @Test
    void unknownFunctionOnSubmitIs404FunctionNotFound() {
        JsonObject body = FabricApi.submitBody(Map.of(UUID.randomUUID().toString(), List.of(args("x"))), List.of());
        assertError(api.post(path("/v3/endpoints/{ep}/submit"), body), 404, "FUNCTION_NOT_FOUND");
    }

    @Test
    void unknownFunctionIs404FunctionNotFound() {
        assertError(api.get(path("/v2/functions/{random}")), 404, "FUNCTION_NOT_FOUND");
    }

    @Test
    void submitToUnknownEndpointIs404EndpointNotFound() {
        JsonObject body = FabricApi.submitBody(Map.of(shellFunctionOfDev(), List.of(args("x"))), List.of());
        assertError(api.post(path("/v3/endpoints/{random}/submit"), body), 404, "ENDPOINT_NOT_FOUND");
    }

    @Test
    void statusOfUnknownEndpointIs404EndpointNotFound() {
        assertError(api.get(path("/v2/endpoints/{random}/status")), 404, "ENDPOINT_NOT_FOUND");
    }

    @Test
    void unknownTaskIs404TaskNotFound() {
        assertError(api.get(path("/v2/tasks/{random}")), 404, "TASK_NOT_FOUND");
    }

    // --- limits and semantics -----------------------------------------------------------------

    @Test
    void payloadOver10MiBIs413TaskPayloadTooLarge() {
        String big = args("x".repeat(TEN_MIB + 1024));
        JsonObject body = FabricApi.submitBody(Map.of(shellFunctionOfDev(), List.of(big)), List.of());
        assertError(api.post(path("/v3/endpoints/{ep}/submit"), body), 413, "TASK_PAYLOAD_TOO_LARGE");
    }

    @Test
    void unknownSerializerHeaderIs422SemanticallyInvalid() {
        JsonObject body = Json.createObjectBuilder()
                .add("function_name", "odd").add("function_code", "zz\nwhatever").build();
        assertError(api.post("/v3/functions", body), 422, "SEMANTICALLY_INVALID");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"echo $(cat {x})", "echo `cat {x}`", "echo \"${x}\"", "echo ${{HOME:-{x}}}"})
    void shellPlaceholderWhereNoQuotingHoldsIs422NamingIt(String cmd) {
        JsonObject body = Json.createObjectBuilder()
                .add("function_name", "unsafe").add("function_code", shellFunction(cmd, 5)).build();
        JsonObject e = assertError(api.post("/v3/functions", body), 422, "SEMANTICALLY_INVALID");
        assertTrue(e.getString("message").startsWith("invalid shell function: placeholder {x} "), e::toString);
    }

    // --- authentication -----------------------------------------------------------------------

    @ParameterizedTest(name = "GET {0}")
    @ValueSource(strings = {"/v2/tasks/{random}", "/v2/functions/{random}", "/v2/endpoints?role=owner",
            "/v2/endpoints/{ep}/status"})
    void noTokenIs401WithEnvelope(String route) {
        assertError(api.anonymous().get(path(route)), 401, "USER_UNAUTHENTICATED", "INVALID_AUTH_TOKEN");
    }

    @Test
    void noTokenOnSubmitIs401WithEnvelope() {
        JsonObject body = FabricApi.submitBody(Map.of(RANDOM, List.of(args("x"))), List.of());
        assertError(api.anonymous().post(path("/v3/endpoints/{ep}/submit"), body), 401,
                "USER_UNAUTHENTICATED", "INVALID_AUTH_TOKEN");
    }

    @ParameterizedTest(name = "GET {0}")
    @ValueSource(strings = {"/v2/tasks/{random}", "/v2/endpoints?role=owner", "/v2/endpoints/{ep}/status"})
    void garbageTokenIs401InvalidAuthToken(String route) {
        assertError(api.as("garbage").get(path(route)), 401, "INVALID_AUTH_TOKEN");
    }

    @Test
    void tamperedTokenIs401InvalidAuthToken() {
        // dev's own token with the end of its signature changed: right shape, wrong signature.
        String token = STACK.token();
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertError(api.as(tampered).get(path("/v2/endpoints?role=owner")), 401, "INVALID_AUTH_TOKEN");
    }

    @Test
    void tokenWithoutUserRoleIs403InsufficientAuthScope() {
        String guest = STACK.mintToken("guest", "guest");
        assertError(api.as(guest).get(path("/v2/tasks/{random}")), 403, "INSUFFICIENT_AUTH_SCOPE");
    }

    @Test
    void versionIsOpenWithoutToken() {
        ApiResponse r = api.anonymous().get("/v2/version");
        assertEquals(200, r.status(), r::toString);
        assertEquals(Json.createValue("1.0.0"), r.json(), "API.md: the version as a JSON string");
    }

    @Test
    void versionOfAllServicesIsOpenWithoutToken() {
        ApiResponse r = api.anonymous().get("/v2/version?service=all");
        assertEquals(200, r.status(), r::toString);
        JsonObject v = r.object();
        assertTrue(v.containsKey("api") && v.containsKey("min_sdk_version") && v.containsKey("min_ep_version"),
                v::toString);
    }

    // --- another user sees nothing of dev's -----------------------------------------------------

    @Test
    void anotherUserGets404ForDevsTask() {
        String task = api.submitOne(STACK.endpointId(), shellFunctionOfDev(), args("mine"));
        assertError(api.as(bobToken).get("/v2/tasks/" + task), 404, "TASK_NOT_FOUND");
    }

    @Test
    void anotherUserSeesDevsTaskAsUnknownInBatchStatus() {
        String task = api.submitOne(STACK.endpointId(), shellFunctionOfDev(), args("mine"));
        JsonValue entry = api.as(bobToken).batchStatus(List.of(task)).get(task);
        assertEquals(Json.createObjectBuilder().add("status", "Failed").add("reason", "unknown task id").build(),
                entry, () -> "bob's batch_status entry for dev's task " + task);
    }

    @Test
    void anotherUserGets404ForDevsFunction() {
        assertError(api.as(bobToken).get("/v2/functions/" + shellFunctionOfDev()), 404, "FUNCTION_NOT_FOUND");
    }

    @Test
    void anotherUserCannotSubmitDevsFunction() {
        String devsEndpoint = STACK.endpointId();
        JsonObject body = FabricApi.submitBody(Map.of(shellFunctionOfDev(), List.of(args("x"))), List.of());
        // dev's endpoint is as invisible to bob as dev's function; either is reported first.
        assertError(api.as(bobToken).post("/v3/endpoints/" + devsEndpoint + "/submit", body), 404,
                "ENDPOINT_NOT_FOUND", "FUNCTION_NOT_FOUND");
    }

    @ParameterizedTest(name = "GET {0}")
    @ValueSource(strings = {"/v2/endpoints/{ep}", "/v2/endpoints/{ep}/status"})
    void anotherUserGets404ForDevsEndpoint(String route) {
        assertError(api.as(bobToken).get(path(route)), 404, "ENDPOINT_NOT_FOUND");
    }

    @Test
    void anotherUsersEndpointListLacksDevsEndpoint() {
        ApiResponse r = api.as(bobToken).get("/v2/endpoints?role=any");
        assertEquals(200, r.status(), r::toString);
        assertFalse(r.json().asJsonArray().stream()
                .anyMatch(e -> STACK.endpointId().equals(e.asJsonObject().getString("uuid", null))), r::toString);
    }

    @Test
    void ownerStillSeesWhatOthersCannot() {
        String fn = shellFunctionOfDev();
        ApiResponse r = api.get("/v2/functions/" + fn);
        assertEquals(200, r.status(), r::toString);
        assertEquals(fn, r.object().getString("function_uuid"));
    }

    // --- last: none of the above hurt the service ----------------------------------------------

    @Test
    @Order(Integer.MAX_VALUE)
    void serviceIsStillReadyAfterAllTheBadInput() {
        ApiResponse r = api.anonymous().get("/health/ready");
        assertEquals(200, r.status(), r::toString);
    }
}
