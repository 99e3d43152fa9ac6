package org.funcfabric.systemtest;

import static org.funcfabric.systemtest.support.ErrorEnvelope.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import org.apache.activemq.artemis.api.config.ActiveMQDefaultConfiguration;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.funcfabric.protocol.Destinations;
import org.funcfabric.protocol.ProtocolJson;
import org.funcfabric.protocol.ResultMessage;
import org.funcfabric.systemtest.support.ApiResponse;
import org.funcfabric.systemtest.support.Buffers;
import org.funcfabric.systemtest.support.FabricApi;
import org.funcfabric.systemtest.support.FabricStack;
import org.funcfabric.systemtest.support.Poll;
import org.funcfabric.systemtest.support.Jwts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The security model over the real stack: who may call which route (an authorization matrix over
 * every route and six kinds of caller, printed), the per-user submission rate at its default, and
 * the broker credentials each endpoint gets (bound to its own queues, revoked by a lock, unable to
 * speak for another endpoint).
 */
class SecurityIT {
    @RegisterExtension
    static final FabricStack STACK = FabricStack.withSlots(1)
            // the service's default, which the other suites lift
            .withEnvironment(FabricStack.SUBMIT_RATE, "20");

    private static final Duration REVOCATION_DEADLINE = Duration.ofSeconds(15);
    private static final Duration TASK_DEADLINE = Duration.ofSeconds(60);
    private static final String GROUP = UUID.randomUUID().toString();

    /** The callers of the matrix: the resources' owner and five others. */
    enum Who { OWNER, OTHER, MEMBER, NO_TOKEN, EXPIRED, ADMIN }

    private static final Map<Who, FabricApi> AS = new EnumMap<>(Who.class);
    private static Jwts jwts;
    /** The error codes (API.md) a refusal of each status may carry. */
    private static final Map<Integer, String[]> CODES = Map.of(
            401, new String[] {"USER_UNAUTHENTICATED", "INVALID_AUTH_TOKEN"},
            403, new String[] {"INSUFFICIENT_AUTH_SCOPE", "FUNCTION_ACCESS_FORBIDDEN", "ENDPOINT_ACCESS_FORBIDDEN"},
            404, new String[] {"FUNCTION_NOT_FOUND", "ENDPOINT_NOT_FOUND", "TASK_NOT_FOUND", "TASK_GROUP_NOT_FOUND"});
    private static FabricApi alice;
    private static String function;
    private static String endpoint;
    private static String task;
    private static String taskGroup;

    @BeforeAll
    static void aliceSharesAFunctionAndAnEndpointWithHerGroup() {
        FabricApi api = STACK.api();
        jwts = Jwts.forStack(STACK.home());
        alice = api.as(STACK.mintToken("alice", "user"));
        AS.put(Who.OWNER, alice);
        AS.put(Who.OTHER, api.as(STACK.mintToken("bob", "user")));
        AS.put(Who.MEMBER, api.as(STACK.mintToken("carol", "user", GROUP)));
        AS.put(Who.NO_TOKEN, api.anonymous());
        AS.put(Who.EXPIRED, api.as(jwts.signedByStack(claims("alice")
                .add("iat", now() - 7200).add("exp", now() - 3600).build())));
        AS.put(Who.ADMIN, api.as(STACK.mintToken("ops", "user", "admin")));

        function = register(alice, "shared-echo");
        endpoint = registerEndpoint("shared-ep");
        FabricApi.Submitted submitted = alice.submit(endpoint, Map.of(function, List.of(Buffers.args("x"))), List.of());
        task = submitted.allTaskIds().get(0);
        taskGroup = submitted.taskGroupId();
    }

    /** One route: how to call it as a caller (making fresh resources of alice's where the call uses one up). */
    private record Route(String name, Function<FabricApi, ApiResponse> call, Map<Who, Integer> expected) {
    }

    private static Map<Who, Integer> expect(int owner, int other, int member, int admin) {
        Map<Who, Integer> m = new EnumMap<>(Who.class);
        m.put(Who.OWNER, owner);
        m.put(Who.OTHER, other);
        m.put(Who.MEMBER, member);
        m.put(Who.NO_TOKEN, 401);
        m.put(Who.EXPIRED, 401);
        m.put(Who.ADMIN, admin);
        return m;
    }

    private static List<Route> routes() {
        JsonObject resubmit = FabricApi.submitBody(Map.of(function, List.of(Buffers.args("y"))), List.of());
        // Open to anyone, but a token that is sent is checked: a bad one is refused even here.
        Map<Who, Integer> open = expect(200, 200, 200, 200);
        open.put(Who.NO_TOKEN, 200);
        return List.of(
                new Route("GET /v2/version", api -> api.get("/v2/version"), open),
                new Route("POST /v3/functions", api -> api.post("/v3/functions", functionBody("any")),
                        expect(200, 200, 200, 200)),
                new Route("GET /v2/functions/{id}", api -> api.get("/v2/functions/" + function),
                        expect(200, 404, 200, 404)),
                new Route("DELETE /v2/functions/{id}", api -> api.delete("/v2/functions/" + register(alice, "doomed")),
                        expect(200, 404, 403, 404)),
                new Route("GET /v2/endpoints?role=any", api -> api.get("/v2/endpoints?role=any"),
                        expect(200, 200, 200, 200)),
                new Route("GET /v2/endpoints/{id}", api -> api.get("/v2/endpoints/" + endpoint),
                        expect(200, 404, 200, 404)),
                new Route("GET /v2/endpoints/{id}/status", api -> api.get("/v2/endpoints/" + endpoint + "/status"),
                        expect(200, 404, 200, 404)),
                new Route("GET /v3/endpoints/{id}/allowed_functions",
                        api -> api.get("/v3/endpoints/" + endpoint + "/allowed_functions"), expect(200, 404, 200, 404)),
                new Route("PUT /v3/endpoints/{id}", api -> api.put("/v3/endpoints/" + endpoint, endpointBody("shared-ep")),
                        expect(200, 404, 403, 404)),
                new Route("POST /v3/endpoints/{id}/lock",
                        api -> api.post("/v3/endpoints/" + registerEndpoint("to-lock") + "/lock", Json.createObjectBuilder().build()),
                        expect(200, 404, 403, 404)),
                new Route("DELETE /v2/endpoints/{id}", api -> api.delete("/v2/endpoints/" + registerEndpoint("to-delete")),
                        expect(200, 404, 403, 404)),
                new Route("POST /v3/endpoints/{id}/submit", api -> api.post("/v3/endpoints/" + endpoint + "/submit", resubmit),
                        expect(200, 404, 200, 404)),
                new Route("GET /v2/tasks/{id}", api -> api.get("/v2/tasks/" + task), expect(200, 404, 404, 404)),
                new Route("POST /v2/tasks/{id}/cancel", api -> api.post("/v2/tasks/" + freshTask() + "/cancel",
                        Json.createObjectBuilder().build()), expect(200, 404, 404, 404)),
                new Route("POST /v2/batch_status", api -> api.post("/v2/batch_status",
                        Json.createObjectBuilder().add("task_ids", Json.createArrayBuilder().add(task)).build()),
                        expect(200, 200, 200, 200)),
                new Route("GET /v2/taskgroup/{id}", api -> api.get("/v2/taskgroup/" + taskGroup), expect(200, 404, 404, 404)),
                new Route("GET /v2/get_amqp_result_connection_url", api -> api.get("/v2/get_amqp_result_connection_url"),
                        expect(200, 200, 200, 200)),
                new Route("GET /v2/admin/endpoints", api -> api.get("/v2/admin/endpoints"), expect(403, 403, 403, 200)),
                new Route("POST /v2/admin/endpoints/{id}/lock",
                        api -> api.post("/v2/admin/endpoints/" + registerEndpoint("admin-lock") + "/lock",
                                Json.createObjectBuilder().build()), expect(403, 403, 403, 200)),
                new Route("POST /v2/admin/token_revocations", api -> api.post("/v2/admin/token_revocations",
                        Json.createObjectBuilder().add("sub", "nobody-" + UUID.randomUUID()).build()),
                        expect(403, 403, 403, 200)));
    }

    @Test
    void authorizationMatrix() {
        List<String> misses = new ArrayList<>();
        StringBuilder table = new StringBuilder(String.format("%-42s", "route"));
        for (Who who : Who.values()) {
            table.append(String.format(" %-9s", who.name().toLowerCase().replace('_', ' ')));
        }
        table.append('\n');
        for (Route route : routes()) {
            table.append(String.format("%-42s", route.name()));
            for (Who who : Who.values()) {
                ApiResponse r = route.call().apply(AS.get(who));
                int want = route.expected().get(who);
                boolean ok = r.status() == want;
                table.append(String.format(" %-9s", r.status() + (ok ? "" : "≠" + want)));
                if (!ok) {
                    misses.add(route.name() + " as " + who + ": " + r);
                } else if (r.status() >= 400) {
                    assertError(r, want, CODES.get(want));
                }
                if (who == Who.OTHER || who == Who.NO_TOKEN || who == Who.EXPIRED) {
                    assertFalse(r.body().contains("shared-e") || r.body().contains("\"alice\""),
                            () -> route.name() + " as " + who + " shows alice's data: " + r);
                }
            }
            table.append('\n');
        }
        System.out.println("[SecurityIT] authorization matrix (HTTP status; ≠ marks a miss)\n" + table);
        assertTrue(misses.isEmpty(), () -> String.join("\n", misses));
    }

    @Test
    void othersSeeAlicesTaskAsUnknownInBatchStatusAndHerSharedEndpointOnlyInTheGroup() {
        JsonObject asBob = AS.get(Who.OTHER).batchStatus(List.of(task)).getJsonObject(task);
        assertEquals("Failed", asBob.getString("status"));
        assertFalse(AS.get(Who.OTHER).get("/v2/endpoints?role=any").body().contains(endpoint));
        assertTrue(AS.get(Who.MEMBER).get("/v2/endpoints?role=any").body().contains(endpoint));
    }

    @Test
    void tokensWithTheWrongAudienceOrIssuerOrNoSignatureAreRefused() {
        List<String> bad = List.of(
                jwts.signedByStack(claims("alice").add("aud", "another-service").build()),
                jwts.signedByStack(claims("alice").remove("aud").build()),
                jwts.signedByStack(claims("alice").add("iss", "someone-else").build()),
                Jwts.unsigned(claims("alice").build()));
        for (String token : bad) {
            assertError(STACK.api().as(token).get("/v2/tasks/" + task), 401, "INVALID_AUTH_TOKEN", "USER_UNAUTHENTICATED");
        }
        String good = jwts.signedByStack(claims("alice").build());
        assertEquals(200, STACK.api().as(good).get("/v2/tasks/" + task).status(), "the same claims, correctly signed");
    }

    @Test
    void aRevokedTokenIsRefusedAndTheUsersOtherTokensStillWork() {
        String jti = UUID.randomUUID().toString();
        FabricApi revoked = STACK.api().as(jwts.signedByStack(Jwts.claims("alice", List.of("user"), now(), jti).build()));
        FabricApi other = STACK.api().as(jwts.signedByStack(claims("alice").build()));
        assertEquals(200, revoked.get("/v2/tasks/" + task).status());

        ApiResponse r = AS.get(Who.ADMIN).post("/v2/admin/token_revocations", Json.createObjectBuilder().add("jti", jti).build());

        assertEquals(200, r.status(), r::toString);
        assertError(revoked.get("/v2/tasks/" + task), 401, "INVALID_AUTH_TOKEN");
        assertEquals(200, other.get("/v2/tasks/" + task).status(), "alice's other token");
        assertEquals(200, alice.get("/v2/tasks/" + task).status(), "alice's first token");
    }

    @Test
    void revokingAUsersEarlierTokensRefusesThemAndLeavesLaterOnes() {
        FabricApi early = STACK.api().as(jwts.signedByStack(claims("dave").add("iat", now() - 120).build()));
        FabricApi later = STACK.api().as(jwts.signedByStack(claims("dave").build()));
        assertEquals(200, early.get("/v2/endpoints?role=any").status());

        ApiResponse r = AS.get(Who.ADMIN).post("/v2/admin/token_revocations",
                Json.createObjectBuilder().add("sub", "dave").add("issued_before", now() - 60).build());

        assertEquals(200, r.status(), r::toString);
        assertError(early.get("/v2/endpoints?role=any"), 401, "INVALID_AUTH_TOKEN");
        assertEquals(200, later.get("/v2/endpoints?role=any").status(), "a token issued after the cut-off");
        assertError(AS.get(Who.ADMIN).post("/v2/admin/token_revocations", Json.createObjectBuilder().build()),
                400, "REQUEST_KEY_ERROR");
    }

    @Test
    void metricsTakeAnAdminTokenOrTheScrapeTokenAndHealthShowsNoUserData() throws Exception {
        Properties secrets = new Properties();
        try (Reader in = Files.newBufferedReader(STACK.home().resolve("secrets.properties"))) {
            secrets.load(in);
        }
        // Payara's metrics servlet answers JSON only to OPTIONS: the test client's Accept gets 406
        String admin = "Bearer " + STACK.mintToken("ops", "user", "admin");
        for (String authorization : List.of(admin, "Scrape " + secrets.getProperty("metrics.scrape-token"))) {
            HttpResponse<String> scraped = metrics(authorization);
            assertEquals(200, scraped.statusCode(), scraped::body);
            assertTrue(scraped.body().contains("# TYPE"), "Prometheus text");
        }
        assertEquals(401, metrics(null).statusCode());
        assertEquals(401, metrics("Scrape not-the-token").statusCode());
        HttpResponse<String> user = metrics("Bearer " + STACK.mintToken("bob", "user"));
        assertEquals(403, user.statusCode());
        assertTrue(user.body().contains("INSUFFICIENT_AUTH_SCOPE"), user::body);

        for (String path : List.of("/health", "/health/ready", "/health/live")) {
            ApiResponse health = STACK.api().anonymous().get(path);
            assertEquals(200, health.status(), health::toString);
            assertFalse(health.body().contains("\"data\""), () -> path + " shows check data: " + health);
        }
        assertTrue(AS.get(Who.ADMIN).get("/health/ready").body().contains("\"data\""), "an admin sees the data");
    }

    @Test
    void submissionsBeyondTheRateGet429WithRetryAfterAndOtherUsersAreNotHeldUp() throws Exception {
        String rita = STACK.mintToken("rita", "user");
        FabricApi asRita = STACK.api().as(rita);
        int accepted = 0;
        HttpResponse<String> refused = null;
        for (int i = 0; i < 40 && refused == null; i++) {
            HttpResponse<String> r = rawPost("/v3/functions", rita, functionBody("burst-" + i).toString());
            if (r.statusCode() == 429) {
                refused = r;
            } else {
                assertEquals(200, r.statusCode(), r::body);
                accepted++;
            }
        }
        assertTrue(refused != null, "no 429 within 40 registrations");
        assertTrue(accepted >= 20, "the burst of 20 passes: " + accepted);
        assertTrue(Integer.parseInt(refused.headers().firstValue("Retry-After").orElse("0")) >= 1,
                "Retry-After names a wait: " + refused.headers().map());
        assertTrue(refused.body().contains("\"MAX_REQUESTS_EXCEEDED\""), refused.body());
        assertEquals(200, asRita.get("/v2/functions").status(), "reads are not limited");
        assertEquals(200, AS.get(Who.OTHER).post("/v3/functions", functionBody("bobs")).status(), "bob has his own budget");
    }

    @Test
    void anEndpointsCredentialReachesOnlyItsOwnQueuesAndCannotSpeakForAnotherEndpoint() {
        JsonObject registered = registration("isolated");
        String own = registered.getString("endpoint_id");
        JsonObject queueInfo = registered.getJsonObject("task_queue_info");
        assertEquals("ep." + own + ".1", queueInfo.getString("username"));
        assertError(AS.get(Who.OTHER).put("/v3/endpoints/" + own, endpointBody("isolated")), 404, "ENDPOINT_NOT_FOUND");
        assertFalse(alice.get("/v2/endpoints/" + own).body().contains(queueInfo.getString("password")),
                "the credential is handed out at registration only");

        try (JMSContext jms = connect(queueInfo)) {
            jms.createConsumer(jms.createQueue(Destinations.taskQueue(own))).close();
            assertThrows(JMSSecurityRuntimeException.class,
                    () -> jms.createConsumer(jms.createQueue(Destinations.taskQueue(STACK.endpointId()))),
                    "another endpoint's tasks");
            assertThrows(JMSSecurityRuntimeException.class,
                    () -> jms.createConsumer(jms.createTopic(Destinations.commandTopic(STACK.endpointId()))),
                    "another endpoint's commands");
            assertThrows(JMSSecurityRuntimeException.class,
                    () -> jms.createConsumer(jms.createQueue(Destinations.RESULTS)), "everyone's results");
            assertThrows(JMSSecurityRuntimeException.class,
                    () -> jms.createProducer().send(jms.createQueue(Destinations.taskQueue(own)), "{}"), "sending tasks");

            // a result for alice's task, naming alice's endpoint, sent with this endpoint's credential
            String victim = freshTask();
            jms.createProducer().send(jms.createQueue(Destinations.RESULTS), ProtocolJson.toJson(new ResultMessage(
                    ResultMessage.VERSION, victim, endpoint, "forger", ResultMessage.SUCCESS, "11\n\"forged\"", null,
                    0, 0, 0, System.currentTimeMillis(), 1)));
            assertFalse(Poll.within(Duration.ofSeconds(3), Duration.ofMillis(200),
                    () -> FabricApi.TERMINAL.contains(alice.task(victim).getString("status"))),
                    "a forged result ended alice's task: " + alice.task(victim));
        }
    }

    @Test
    void artemisDefaultClusterLoginIsRefused() {
        JsonObject defaultClusterLogin = Json.createObjectBuilder()
                .add("username", ActiveMQDefaultConfiguration.getDefaultClusterUser())
                .add("password", ActiveMQDefaultConfiguration.getDefaultClusterPassword()).build();
        JMSRuntimeException refused = assertThrows(JMSRuntimeException.class, () -> connect(defaultClusterLogin).close(),
                "Artemis's default cluster login would read and send anywhere");
        assertTrue(refused.getMessage().startsWith("AMQ229099"), () -> "refused as the cluster user: " + refused);
    }

    @Test
    void lockingAnEndpointRevokesItsCredentialAndClosesItsConnections() throws InterruptedException {
        JsonObject registered = registration("revoked");
        String id = registered.getString("endpoint_id");
        JsonObject queueInfo = registered.getJsonObject("task_queue_info");
        CountDownLatch closed = new CountDownLatch(1);
        try (JMSContext jms = connect(queueInfo)) {
            jms.setExceptionListener(e -> closed.countDown());
            assertEquals(200, alice.post("/v3/endpoints/" + id + "/lock", Json.createObjectBuilder().build()).status());
            assertTrue(closed.await(REVOCATION_DEADLINE.toSeconds(), TimeUnit.SECONDS),
                    "the locked endpoint's connection is closed");
        }
        assertThrows(JMSSecurityRuntimeException.class, () -> connect(queueInfo).close(), "a revoked credential");
        assertError(alice.put("/v3/endpoints/" + id, endpointBody("revoked")), 423, "RESOURCE_LOCKED");
    }

    @Test
    void shellAndPythonFunctionsThatListTheirEnvironmentFindNoCredentialNorAnyFabricVariable() throws IOException {
        FabricApi api = STACK.api();
        String password = Files.readString(STACK.endpointDir().resolve("workers/broker-password")).strip();
        assertEquals(PosixFilePermissions.fromString("rw-------"),
                Files.getPosixFilePermissions(STACK.endpointDir().resolve("workers/broker-password")));
        String shell = api.registerFunction("env-sh", Buffers.shellFunction("env", 30));
        String python = api.registerFunction("env-py", Buffers.pythonFunction("environment",
                "def environment():\n    import os\n    return dict(os.environ)\n"));

        JsonObject shellDoc = api.awaitTerminal(api.submitOne(STACK.endpointId(), shell, Buffers.args()), TASK_DEADLINE);
        JsonObject pythonDoc = api.awaitTerminal(api.submitOne(STACK.endpointId(), python, Buffers.args(),
                FabricApi.JSON_RESULTS), TASK_DEADLINE);

        assertEquals("success", shellDoc.getString("status"), shellDoc::toString);
        assertEquals("success", pythonDoc.getString("status"), pythonDoc::toString);
        String shellEnvironment = Buffers.decodeResult(shellDoc.getString("result")).asJsonObject().getString("stdout");
        JsonObject pythonEnvironment = Buffers.decodeResult(pythonDoc.getString("result")).asJsonObject();
        assertTrue(shellEnvironment.contains("PATH="), shellEnvironment);
        assertFalse(shellEnvironment.contains(password), "the shell function saw the broker password");
        assertFalse(shellEnvironment.contains("FABRIC_"), shellEnvironment);
        assertFalse(pythonEnvironment.toString().contains(password), "the Python function saw the broker password");
        assertTrue(pythonEnvironment.keySet().stream().noneMatch(name -> name.startsWith("FABRIC_")),
                pythonEnvironment.keySet()::toString);
    }

    @Test
    void nothingInTheRunDirectoryIsReadableByOtherUsers() throws IOException {
        // A task ran: the database, the journal, the logs and the endpoint's files all exist by now.
        FabricApi api = STACK.api();
        String echo = api.registerFunction("echo", Buffers.shellFunction("echo {0}", 30));
        assertEquals("success", api.awaitTerminal(api.submitOne(STACK.endpointId(), echo, Buffers.args("x")),
                TASK_DEADLINE).getString("status"));
        Set<PosixFilePermission> others = PosixFilePermissions.fromString("---rwxrwx");
        List<String> exposed = new ArrayList<>();
        try (Stream<Path> tree = Files.walk(STACK.home())) {
            for (Path p : tree.filter(p -> !Files.isSymbolicLink(p)).toList()) {
                try {
                    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
                    if (permissions.stream().anyMatch(others::contains)) {
                        exposed.add(PosixFilePermissions.toString(permissions) + " " + STACK.home().relativize(p));
                    }
                } catch (NoSuchFileException gone) {
                    // a temporary file of a running process
                }
            }
        }
        assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(STACK.home()));
        assertEquals(List.of(), exposed, "open to group or others under " + STACK.home());
    }

    // --- helpers ------------------------------------------------------------------------------

    private static JMSContext connect(JsonObject queueInfo) {
        String url = "tcp://127.0.0.1:" + STACK.brokerPort() + "?reconnectAttempts=0";
        return new ActiveMQConnectionFactory(url).createContext(queueInfo.getString("username"),
                queueInfo.getString("password"), JMSContext.AUTO_ACKNOWLEDGE);
    }

    private static String register(FabricApi api, String name) {
        ApiResponse r = api.post("/v3/functions", functionBody(name));
        assertEquals(200, r.status(), () -> "registering " + name + ": " + r);
        return r.object().getString("function_uuid");
    }

    private static JsonObject functionBody(String name) {
        return Json.createObjectBuilder().add("function_name", name)
                .add("function_code", Buffers.shellFunction("echo {0}", 5))
                .add("group", GROUP).build();
    }

    private static JsonObject endpointBody(String name) {
        return Json.createObjectBuilder().add("endpoint_name", name)
                .add("groups", Json.createArrayBuilder().add(GROUP)).build();
    }

    /** A new endpoint of alice's (no connector), shared with the group; its registration answer. */
    private static JsonObject registration(String prefix) {
        ApiResponse r = alice.post("/v3/endpoints", endpointBody(prefix + "-" + UUID.randomUUID()));
        assertEquals(200, r.status(), () -> "registering an endpoint: " + r);
        return r.object();
    }

    private static String registerEndpoint(String prefix) {
        return registration(prefix).getString("endpoint_id");
    }

    /** A task of alice's that stays queued: her shared endpoint has no connector. */
    private static String freshTask() {
        return alice.submitOne(endpoint, function, Buffers.args("z"));
    }

    private static HttpResponse<String> metrics(String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(STACK.baseUrl() + "/metrics"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> rawPost(String path, String token, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(STACK.baseUrl() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObjectBuilder claims(String subject) {
        return Jwts.claims(subject, List.of("user"), now(), UUID.randomUUID().toString());
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }
}
