package org.funcfabric.systemtest;

import static org.funcfabric.systemtest.support.Abuse.Expect.ANY;
import static org.funcfabric.systemtest.support.Abuse.Expect.NO_SCOPE;
import static org.funcfabric.systemtest.support.Abuse.Expect.REFUSED;
import static org.funcfabric.systemtest.support.Abuse.Expect.UNAUTHENTICATED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.funcfabric.systemtest.support.Abuse;
import org.funcfabric.systemtest.support.Abuse.Probe;
import org.funcfabric.systemtest.support.ApiResponse;
import org.funcfabric.systemtest.support.Buffers;
import org.funcfabric.systemtest.support.FabricApi;
import org.funcfabric.systemtest.support.FabricStack;
import org.funcfabric.systemtest.support.Jwts;
import org.funcfabric.systemtest.support.RawHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/**
 * A fuzz and abuse suite: well over 10,000 generated bad requests against a real stack — wrong JSON
 * types, missing and extra fields, huge strings, deep nesting, invalid UTF-8, wrong content types, bad
 * ids and path traversal in every path parameter, every flavour of bad token, a second user
 * ({@code mallory}) using the first one's ({@code alice}) ids on every route, oversized and stalled
 * uploads. Every answer must be free of 5xx, every 4xx must be API.md's envelope, no answer to anyone
 * but alice may carry alice's data, and afterwards the service is still ready and alice still reads her
 * task. The generated requests depend only on the seed ({@code -Dabuse.seed=N}, printed at the start).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AbuseIT {
    @RegisterExtension
    static final FabricStack STACK = FabricStack.withSlots(1);

    private static final long SEED = Long.getLong("abuse.seed", 0x5EED_AB05EL);
    private static final int CONCURRENCY = 4;
    private static final int MIB = 1024 * 1024;
    private static final String RANDOM_ID = "7b0c1c52-5a70-4c39-9a8e-3c1d5e1f0b11";
    private static final String JSON_RESULTS = FabricApi.JSON_RESULTS;

    private static Random rnd;
    private static Abuse abuse;
    private static Jwts jwts;
    private static String aliceToken;
    private static String malloryToken;
    private static String marker;
    private static String aliceFn;
    private static String aliceEp;
    private static String aliceEp2;
    private static String aliceEp2Name;
    private static String aliceTask;
    private static String aliceGroup;
    private static String alicePayload;

    // --- the scene: alice's function, endpoints and task, mallory's token ------------------------

    @BeforeAll
    static void setUp() {
        System.out.printf("[AbuseIT] seed %d (repeat with -Dabuse.seed=%d)%n", SEED, SEED);
        rnd = new Random(SEED);
        marker = HexFormat.of().toHexDigits(rnd.nextLong());
        aliceToken = STACK.mintToken("alice", "user");
        malloryToken = STACK.mintToken("mallory", "user");
        jwts = Jwts.forStack(STACK.home());
        FabricApi alice = STACK.api().as(aliceToken);

        String fnName = "alice_fn_" + marker;
        String description = "alice-desc-" + marker;
        String code = Buffers.shellFunction("echo alice-code-" + marker + " {0}", 5);
        ApiResponse fn = alice.post("/v3/functions", Json.createObjectBuilder()
                .add("function_name", fnName).add("function_code", code).add("description", description).build());
        assertEquals(200, fn.status(), fn::toString);
        aliceFn = fn.object().getString("function_uuid");

        String epName = "alice-ep-" + marker;
        String display = "alice-display-" + marker;
        ApiResponse ep = alice.post("/v3/endpoints", Json.createObjectBuilder()
                .add("endpoint_name", epName).add("display_name", display).build());
        assertEquals(200, ep.status(), ep::toString);
        aliceEp = ep.object().getString("endpoint_id");
        aliceEp2Name = "alice-ep2-" + marker;
        ApiResponse ep2 = alice.post("/v3/endpoints", Json.createObjectBuilder().add("endpoint_name", aliceEp2Name).build());
        assertEquals(200, ep2.status(), ep2::toString);
        aliceEp2 = ep2.object().getString("endpoint_id");

        alicePayload = "alice-payload-" + marker;
        ApiResponse submitted = alice.post("/v3/endpoints/" + aliceEp + "/submit",
                FabricApi.submitBody(Map.of(aliceFn, List.of(Buffers.args(alicePayload))), List.of()));
        assertEquals(200, submitted.status(), submitted::toString);
        aliceGroup = submitted.object().getString("task_group_id");
        aliceTask = submitted.object().getJsonObject("tasks").getJsonArray(aliceFn).getString(0);

        abuse = new Abuse(STACK.baseUrl(), CONCURRENCY);
        abuse.secrets(List.of(fnName, description, "alice-code-" + marker, epName, display, aliceEp2Name, alicePayload,
                aliceFn, aliceEp, aliceEp2, aliceTask, aliceGroup));
        System.out.printf("[AbuseIT] alice: function %s, endpoints %s and %s, task %s in group %s; marker %s%n",
                aliceFn, aliceEp, aliceEp2, aliceTask, aliceGroup, marker);
    }

    @AfterAll
    static void summary() {
        if (abuse != null) {
            System.out.printf("%n[AbuseIT] seed %d, %d concurrent requests%n%s", SEED, CONCURRENCY, abuse.table());
            abuse.close();
        }
    }

    // --- bodies: every field of every POST/PUT ---------------------------------------------------

    /** A route with a JSON body, a valid body for alice, and optional fields with a valid value. */
    private record BodyRoute(String name, String method, String path, JsonObject base, JsonObject optional,
                             boolean submitType) {
    }

    private static List<BodyRoute> bodyRoutes() {
        String shell = Buffers.shellFunction("echo fuzz", 5);
        JsonObject fnBase = Json.createObjectBuilder().add("function_name", "fuzz_fn").add("function_code", shell)
                .add("description", "fuzz").add("meta", Json.createObjectBuilder().add("python_version", "3.11.2")
                        .add("sdk_version", "2.30.0").add("serde_identifier", "sh"))
                .add("public", false).build();
        JsonObject fnOptional = Json.createObjectBuilder().add("group", RANDOM_ID)
                .add("metadata", Json.createObjectBuilder().add("k", "v")).build();
        JsonObject epBase = Json.createObjectBuilder().add("endpoint_name", "alice-fuzz-ep").add("display_name", "fuzz")
                .add("metadata", Json.createObjectBuilder().add("k", "v")).add("allowed_functions", Json.createArrayBuilder())
                .add("public", false).build();
        JsonObject putBase = Json.createObjectBuilder().add("endpoint_name", aliceEp2Name).add("display_name", "fuzz")
                .add("metadata", Json.createObjectBuilder().add("k", "v")).add("public", false).build();
        JsonObject putOptional = Json.createObjectBuilder()
                .add("allowed_functions", Json.createArrayBuilder().add(aliceFn)).build();
        String payload = Buffers.args("fuzz");
        JsonObject submitBase = Json.createObjectBuilder()
                .add("tasks", Json.createObjectBuilder().add(aliceFn, Json.createArrayBuilder().add(payload)))
                .add("result_serializers", Json.createArrayBuilder().add(JSON_RESULTS))
                .add("max_retries", 0).add("timeout_s", 30).build();
        JsonObject submitOptional = Json.createObjectBuilder().add("task_group_id", RANDOM_ID).add("create_queue", false)
                .add("resource_specification", Json.createObjectBuilder()).add("user_endpoint_config", Json.createObjectBuilder())
                .add("user_runtime", Json.createObjectBuilder().add("python_version", "3.11"))
                .add("retry_backoff_s", 1.5).add("retry_on", Json.createArrayBuilder().add("WorkerLost")).build();
        JsonObject legacyBase = Json.createObjectBuilder()
                .add("tasks", Json.createArrayBuilder().add(Json.createArrayBuilder().add(aliceFn).add(aliceEp).add(payload)))
                .add("max_retries", 0).add("timeout_s", 30).build();
        JsonObject legacyOptional = Json.createObjectBuilder().add("task_group_id", RANDOM_ID).add("retry_backoff_s", 1.5)
                .add("retry_on", Json.createArrayBuilder().add("*")).build();
        JsonObject batchBase = Json.createObjectBuilder().add("task_ids", Json.createArrayBuilder().add(aliceTask)).build();
        JsonObject none = JsonValue.EMPTY_JSON_OBJECT;
        return List.of(
                new BodyRoute("v3-functions", "POST", "/v3/functions", fnBase, fnOptional, true),
                new BodyRoute("v2-functions", "POST", "/v2/functions", fnBase, fnOptional, true),
                new BodyRoute("v3-endpoints", "POST", "/v3/endpoints", epBase, none, true),
                new BodyRoute("put-endpoint", "PUT", "/v3/endpoints/" + aliceEp2, putBase, putOptional, true),
                new BodyRoute("submit", "POST", "/v3/endpoints/" + aliceEp + "/submit", submitBase, submitOptional, true),
                new BodyRoute("v2-submit", "POST", "/v2/submit", legacyBase, legacyOptional, true),
                new BodyRoute("batch-status", "POST", "/v2/batch_status", batchBase, none, false));
    }

    private static Probe aliceBody(String category, BodyRoute r, String json) {
        return Probe.of(category, r.method(), r.path()).as("alice", aliceToken, true).json(json).submitType(r.submitType());
    }

    private static Probe aliceBody(String category, BodyRoute r, byte[] body, String type) {
        return Probe.of(category, r.method(), r.path()).as("alice", aliceToken, true).body(body, type)
                .submitType(r.submitType());
    }

    /** Values of every JSON type, and the edge cases of each. */
    private static final List<String> WRONG_VALUES = List.of("0", "-1", "1", "3.14", "-1e308", "1e308", "1e400",
            "123456789012345678901234567890", "true", "false", "null", "\"\"", "\"x\"", "\" \"",
            "\"00000000-0000-0000-0000-000000000000\"", "[]", "[1]", "[\"a\"]", "[null]", "{}", "{\"a\":1}",
            "[[[]]]", "{\"$ref\":\"#\"}");

    @Test
    @Order(1)
    void wrongJsonTypesInEveryField() {
        String category = "json-types";
        List<Probe> probes = new ArrayList<>();
        for (BodyRoute r : bodyRoutes()) {
            // the base itself and each optional field with a valid value: the fuzz starts from accepted bodies
            probes.add(aliceBody(category, r, r.base().toString()));
            List<JsonPointer> pointers = pointers(r.base());
            for (String field : r.optional().keySet()) {
                JsonObject withField = Json.createObjectBuilder(r.base()).add(field, r.optional().get(field)).build();
                probes.add(aliceBody(category, r, withField.toString()));
                pointers.addAll(pointers(withField).stream().filter(p -> p.path.startsWith("/" + field)).toList());
            }
            // every position (nested ones too) replaced by every wrong value
            for (JsonPointer p : pointers) {
                JsonObject body = p.root;
                for (String wrong : WRONG_VALUES) {
                    probes.add(aliceBody(category, r, replace(body, p.path, Json.createReader(
                            new java.io.StringReader(wrong)).readValue()).toString()));
                }
            }
            // random values in one to three random positions
            for (int i = 0; i < 120; i++) {
                JsonObject body = r.base();
                int n = 1 + rnd.nextInt(3);
                for (int k = 0; k < n; k++) {
                    List<JsonPointer> ps = pointers(body);
                    if (ps.isEmpty()) {
                        break;
                    }
                    JsonPointer p = ps.get(rnd.nextInt(ps.size()));
                    body = replace(body, p.path, randomValue(3));
                }
                probes.add(aliceBody(category, r, body.toString()));
            }
        }
        runAndAssert(category, probes);
    }

    @Test
    @Order(2)
    void missingAndExtraFields() {
        String category = "json-shape";
        List<Probe> probes = new ArrayList<>();
        List<String> topLevel = List.of("null", "[]", "[{}]", "1", "-0", "\"{}\"", "true", "{}", "\"\"", "[null]");
        for (BodyRoute r : bodyRoutes()) {
            topLevel.forEach(t -> probes.add(aliceBody(category, r, t)));
            probes.add(aliceBody(category, r, "[" + r.base() + "]"));
            probes.add(aliceBody(category, r, "{\"body\":" + r.base() + "}"));
            // each field and nested value missing
            for (JsonPointer p : pointers(r.base())) {
                probes.add(aliceBody(category, r, remove(r.base(), p.path).toString()));
            }
            // random subsets of the top-level fields
            List<String> keys = new ArrayList<>(r.base().keySet());
            for (int i = 0; i < 30; i++) {
                JsonObjectBuilder b = Json.createObjectBuilder();
                keys.stream().filter(k -> rnd.nextBoolean()).forEach(k -> b.add(k, r.base().get(k)));
                probes.add(aliceBody(category, r, b.build().toString()));
            }
            // names in another spelling (camelCase, upper case) are not the field
            for (String k : keys) {
                JsonObjectBuilder b = Json.createObjectBuilder(r.base()).remove(k);
                b.add(camel(k), r.base().get(k));
                probes.add(aliceBody(category, r, b.build().toString()));
                JsonObjectBuilder u = Json.createObjectBuilder(r.base()).remove(k);
                u.add(k.toUpperCase(Locale.ROOT), r.base().get(k));
                probes.add(aliceBody(category, r, u.build().toString()));
            }
            // duplicate keys with a valid and a wrong value, in both orders
            for (String k : keys) {
                String valid = r.base().get(k).toString();
                String wrong = WRONG_VALUES.get(rnd.nextInt(WRONG_VALUES.size()));
                String rest = r.base().toString().substring(1);
                probes.add(aliceBody(category, r, "{\"" + k + "\":" + wrong + "," + rest));
                probes.add(aliceBody(category, r, "{\"" + k + "\":" + valid + ",\"" + k + "\":" + wrong + ","
                        + Json.createObjectBuilder(r.base()).remove(k).build().toString().substring(1)));
            }
            // extra fields: odd names, random values
            for (int i = 0; i < 30; i++) {
                JsonObjectBuilder b = Json.createObjectBuilder(r.base());
                int n = 1 + rnd.nextInt(4);
                for (int k = 0; k < n; k++) {
                    b.add(randomKey(), randomValue(2));
                }
                probes.add(aliceBody(category, r, b.build().toString()));
            }
            for (String known : List.of("__proto__", "constructor", "id", "owner", "user", "sub", "function_uuid",
                    "endpoint_id", "task_id", "status", "admin", "is_admin", "groups")) {
                probes.add(aliceBody(category, r, Json.createObjectBuilder(r.base()).add(known,
                        known.equals("owner") || known.equals("user") || known.equals("sub") ? Json.createValue("mallory")
                                : Json.createValue(RANDOM_ID)).build().toString()));
            }
        }
        runAndAssert(category, probes);
    }

    @Test
    @Order(3)
    void hugeDeepInvalidAndNonJsonBodies() {
        String category = "body-content";
        List<Probe> probes = new ArrayList<>();
        String huge = "h".repeat(MIB);
        String deepArray = "[".repeat(10_000) + "]".repeat(10_000);
        String deepObject = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);
        String deeper = "[".repeat(100_000) + "]".repeat(100_000);
        byte[][] badUtf8 = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xFE, (byte) 0xFF}, {(byte) 0xC0, (byte) 0xAF},
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80,
                (byte) 0x80, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {0x00}};
        List<String> escapes = List.of("\\ud800", "\\udfff\\ud800", "\\u0000", "\\u202e", "\\ufeff", "\\uffff",
                "\\", "\\x41", "\\u12");
        for (BodyRoute r : bodyRoutes()) {
            String base = r.base().toString();
            for (JsonPointer p : pointers(r.base())) {
                boolean string = p.value.getValueType() == JsonValue.ValueType.STRING;
                // 1 MB strings (and a 1 MB number) where a value is, deep nesting in every position
                probes.add(aliceBody(category, r, replace(r.base(), p.path, Json.createValue(huge)).toString()));
                if (rnd.nextInt(3) == 0) {
                    probes.add(aliceBody(category, r, replaceRaw(r.base(), p.path, "9".repeat(200_000))));
                }
                probes.add(aliceBody(category, r, replaceRaw(r.base(), p.path, deepArray)));
                probes.add(aliceBody(category, r, replaceRaw(r.base(), p.path, deepObject)));
                if (string) {
                    // invalid UTF-8 bytes and bad escapes inside the JSON string
                    String s = ((jakarta.json.JsonString) p.value).getString();
                    for (byte[] bad : badUtf8) {
                        byte[] body = spliced(replaceRaw(r.base(), p.path, "\"" + s + BAD_HERE + "x\""), bad);
                        probes.add(aliceBody(category, r, body, "application/json"));
                    }
                    for (String esc : escapes) {
                        probes.add(aliceBody(category, r, replaceRaw(r.base(), p.path, "\"" + esc + "x\"")));
                    }
                    probes.add(aliceBody(category, r, replace(r.base(), p.path, Json.createValue(unicode())).toString()));
                }
            }
            probes.add(aliceBody(category, r, "{\"" + huge + "\":1," + base.substring(1)));
            probes.add(aliceBody(category, r, deepArray));
            probes.add(aliceBody(category, r, deepObject));
            probes.add(aliceBody(category, r, deeper));
            // random bytes of the body replaced by invalid UTF-8
            byte[] bytes = base.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 40; i++) {
                byte[] b = bytes.clone();
                b[rnd.nextInt(b.length)] = (byte) (0x80 + rnd.nextInt(0x80));
                probes.add(aliceBody(category, r, b, "application/json"));
            }
            // every prefix (a cut-off upload) and a few corruptions
            int step = Math.max(1, base.length() / 60);
            for (int cut = 0; cut < base.length(); cut += step) {
                probes.add(aliceBody(category, r, base.substring(0, cut)));
            }
            for (int i = 0; i < 25; i++) {
                StringBuilder b = new StringBuilder(base);
                int at = rnd.nextInt(b.length());
                String chars = "{}[]\",:\\ 0aZ\u0000";
                b.setCharAt(at, chars.charAt(rnd.nextInt(chars.length())));
                probes.add(aliceBody(category, r, b.toString()));
            }
            // not JSON at all, as application/json
            for (String garbage : List.of("", " ", "\n", "not json", "<xml/>", "<?xml version=\"1.0\"?><a>1</a>",
                    "a=1&b=2", "function_name=x", "{", "}", "[", "]", "{\"a\"}", "{'a': 1}", "{a: 1}", "NaN", "Infinity",
                    "undefined", "//comment\n{}", "/* c */ {}", base + base, base + "garbage", "\u0000\u0000",
                    "\uFEFF" + base, "{\"a\":1,}", "[1,]", "{\"a\" 1}", "\"unterminated", "0x10", "--8<--")) {
                probes.add(aliceBody(category, r, garbage));
            }
            for (int i = 0; i < 10; i++) {
                byte[] b = new byte[1 + rnd.nextInt(512)];
                rnd.nextBytes(b);
                probes.add(aliceBody(category, r, b, "application/json"));
            }
            probes.add(aliceBody(category, r, base.getBytes(StandardCharsets.UTF_16), "application/json"));
            probes.add(aliceBody(category, r, base.getBytes(StandardCharsets.UTF_16LE), "application/json; charset=utf-16"));
            // wrong content types (the body itself is fine)
            for (String type : List.of("text/plain", "application/xml", "text/xml", "application/x-www-form-urlencoded",
                    "multipart/form-data", "multipart/form-data; boundary=xyz", "application/octet-stream", "*/*",
                    "application/*", "application", "json", "application/json; charset=ISO-8859-1",
                    "application/json; charset=bogus", "application/json;;;", "application/json; charset=",
                    "application/jsonx", "application/vnd.api+json", "application/json-patch+json", "text/json",
                    "APPLICATION/JSON", "application/json, text/plain", "application/json; " + "p=".repeat(500) + "x",
                    "text/event-stream", "image/png", "garbage/garbage/garbage")) {
                probes.add(aliceBody(category, r, base.getBytes(StandardCharsets.UTF_8), type));
            }
            probes.add(aliceBody(category, r, base.getBytes(StandardCharsets.UTF_8), null));
            // answers nobody accepts
            for (String accept : List.of("text/html", "application/xml", "image/png", "text/event-stream", "*/*",
                    "application/json;q=0", "garbage", "", "text/*, application/xml;q=0.9")) {
                probes.add(aliceBody(category, r, base).accept(accept));
            }
        }
        runAndAssert(category, probes);
    }

    // --- paths: bad ids, traversal, odd methods, long paths --------------------------------------

    private record PathRoute(String method, String template, String body, boolean submitType) {
    }

    private static final List<PathRoute> ID_ROUTES = List.of(
            new PathRoute("GET", "/v2/functions/{id}", null, false),
            new PathRoute("DELETE", "/v2/functions/{id}", null, false),
            new PathRoute("PUT", "/v3/endpoints/{id}", "{\"endpoint_name\":\"fuzz-put\"}", true),
            new PathRoute("GET", "/v2/endpoints/{id}", null, false),
            new PathRoute("GET", "/v2/endpoints/{id}/status", null, false),
            new PathRoute("GET", "/v3/endpoints/{id}/allowed_functions", null, false),
            new PathRoute("POST", "/v3/endpoints/{id}/lock", "{}", false),
            new PathRoute("DELETE", "/v2/endpoints/{id}", null, false),
            new PathRoute("POST", "/v3/endpoints/{id}/submit", "{\"tasks\":{\"" + RANDOM_ID + "\":[\"x\"]}}", true),
            new PathRoute("GET", "/v2/tasks/{id}", null, false),
            new PathRoute("POST", "/v2/tasks/{id}/cancel", null, false),
            new PathRoute("GET", "/v2/taskgroup/{id}", null, false),
            new PathRoute("POST", "/v2/taskgroup/{id}/cancel", null, false),
            new PathRoute("GET", "/v2/taskgroup/{id}/events", null, false));

    private static final List<String> BAD_IDS = List.of("", " ", "%20", "not-a-uuid", "0", "-1", "null", "undefined",
            "NaN", RANDOM_ID + "x", RANDOM_ID.substring(1), RANDOM_ID + "-0000", "00000000-0000-0000-0000-00000000000g",
            "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff", RANDOM_ID.toUpperCase(Locale.ROOT),
            "{" + RANDOM_ID + "}", "urn:uuid:" + RANDOM_ID, RANDOM_ID.replace("-", ""), "1-1-1-1-1",
            "%20" + RANDOM_ID, RANDOM_ID + "%00", RANDOM_ID + "%0d%0aX-Injected:%201", "..", "../..", "../../..",
            "%2e%2e", "%2e%2e%2f", "%2e%2e%2f%2e%2e%2f", "..%2f", "..%2F..%2F", "..%00", "..%00/", "%2f", "%2F",
            "%5c", "..%5c..%5c", "..\\..\\", "....//", "..;/", "%252e%252e%252f", "%c0%ae%c0%ae%c0%af", "%e0%80%ae",
            ".%2e/", "%2e./", "./", ".", "%00", "%", "%zz", "%g0", "%%", "%u002e", "\u00fcn\u00efc\u00f6d\u00e9",
            "\uD83D\uDE00", "\u202Eevil", "\u540D\u524D", "\uFF0E\uFF0E\uFF0F", "a\u0000b", "x y", "x\ty", "x\"y", "x<y>",
            "x{y}", "x|y", "x^y", "x`y", "' OR '1'='1", "1;DROP TABLE task", "${jndi:ldap://127.0.0.1:1/x}",
            "%n%s%x", "<script>alert(1)</script>", "a".repeat(37), "a".repeat(1000), "a".repeat(10_000),
            "%41".repeat(5000), "x;jsessionid=1", "x?y=z", "x#frag", "~", "*", "@", "x/", "x//", "x/.", "x/..");

    @Test
    @Order(4)
    void badIdsAndTraversalInEveryPath() {
        String category = "paths";
        List<Probe> probes = new ArrayList<>();
        List<String> ids = new ArrayList<>(BAD_IDS);
        for (int i = 0; i < 24; i++) {
            ids.add(randomPathSegment());
        }
        for (PathRoute route : ID_ROUTES) {
            for (String id : ids) {
                for (boolean asAlice : new boolean[] {true, false}) {
                    probes.add(rawPathProbe(category, route.method(), route.template().replace("{id}", id), route.body(),
                            asAlice, route.submitType(), route.template().endsWith("/events")));
                }
            }
        }
        // whole paths: traversal around the routes, also to reach alice's resources as mallory
        List<String> paths = new ArrayList<>(List.of("/v2/tasks/" + RANDOM_ID + "/../../functions/" + aliceFn,
                "/v2/functions/../tasks/" + aliceTask, "/v2/./tasks/" + aliceTask, "/v2//tasks/" + aliceTask,
                "//v2/tasks/" + aliceTask, "/v2/tasks/./" + aliceTask, "/v2/tasks/" + aliceTask + "/",
                "/v2/tasks/" + aliceTask + "/.", "/v2/tasks/" + aliceTask + ";x=y", "/v2/tasks/%2e/" + aliceTask,
                "/v2/tasks/%2E%2E/tasks/" + aliceTask, "/v2/version/../tasks/" + aliceTask, "/health/../v2/tasks/" + aliceTask,
                "/health/ready/../../v2/functions/" + aliceFn, "/openapi/../v2/endpoints/" + aliceEp,
                "/V2/TASKS/" + aliceTask, "/v2/Tasks/" + aliceTask, "/v2/tasks", "/v2/tasks/", "/v2/", "/v2", "/v3",
                "/", "//", "/.", "/..", "/../..", "/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
                "/..%2f..%2f..%2fetc%2fpasswd", "/WEB-INF/web.xml", "/v2/..%2fWEB-INF%2fweb.xml", "/META-INF/MANIFEST.MF",
                "/error-envelope", "/application.wadl", "/v2/tasks/" + aliceTask + "/../../../WEB-INF/web.xml",
                "/v2/endpoints?role=" + "x".repeat(10_000), "/v2/endpoints?role=owner&role=any", "/v2/endpoints?role=",
                "/v2/endpoints?role=%00", "/v2/endpoints?role=%zz", "/v2/endpoints?role=%C3%28", "/v2/endpoints?=&&=",
                "/v2/version?service=" + "%ff".repeat(100), "/v2/version?service=all&service=x",
                "/v2/taskgroup/" + RANDOM_ID + "/events?last_event_id=-1",
                "/v2/taskgroup/" + RANDOM_ID + "/events?last_event_id=99999999999999999999999",
                "/v2/taskgroup/" + aliceGroup + "/events?last_event_id=abc", "/" + "a/".repeat(4000),
                "/v2/tasks/" + "x".repeat(8_000), "/v2/tasks/" + "x".repeat(16_000), "/" + "%2e%2e/".repeat(1000)));
        for (int i = 0; i < 20; i++) {
            paths.add("/v2/endpoints?role=" + randomPathSegment());
        }
        for (String path : paths) {
            for (String who : List.of("alice", "mallory", "anonymous")) {
                probes.add(rawPathProbe(category, "GET", path, null, who, false, false));
            }
        }
        // methods the routes do not have
        for (PathRoute route : ID_ROUTES) {
            for (String method : List.of("PATCH", "HEAD", "OPTIONS", "TRACE", "FOO", "get", "CONNECT", "PUT", "DELETE")) {
                if (!method.equals(route.method())) {
                    probes.add(rawPathProbe(category, method, route.template().replace("{id}", RANDOM_ID), null, false,
                            false, false));
                }
            }
        }
        // very long paths: the container may refuse or close
        for (int length : new int[] {65_536, 1 << 20}) {
            Probe p = rawPathProbe(category, "GET", "/v2/tasks/" + "y".repeat(length), null, false, false, false);
            probes.add(p.mayDropConnection());
        }
        // header abuse on a real route
        String task = "/v2/tasks/" + RANDOM_ID;
        for (String[] h : List.of(new String[] {"Authorization", "Bearer " + "z".repeat(70_000)},
                new String[] {"X-Long", "v".repeat(20_000)}, new String[] {"Accept", "x/".repeat(5_000)},
                new String[] {"Last-Event-ID", "\u00ff\u00fe"}, new String[] {"Content-Length", "abc"},
                new String[] {"Host", ""}, new String[] {"X-Forwarded-For", "127.0.0.1, ${jndi:ldap://x}"},
                new String[] {"X-HTTP-Method-Override", "DELETE"}, new String[] {"X-Original-URL", "/v2/functions/" + aliceFn},
                new String[] {"X-Rewrite-URL", "/v2/functions/" + aliceFn})) {
            Probe p = Probe.of(category, "GET", task).as("mallory", malloryToken, false).header(h[0], h[1])
                    .containerMayReject().mayDropConnection();
            probes.add(p.raw(Abuse.rawRequest(p)));
        }
        runAndAssert(category, probes);
    }

    private static Probe rawPathProbe(String category, String method, String path, String body, boolean asAlice,
                                      boolean submitType, boolean events) {
        return rawPathProbe(category, method, path, body, asAlice ? "alice" : "mallory", submitType, events);
    }

    private static Probe rawPathProbe(String category, String method, String path, String body, String who,
                                      boolean submitType, boolean events) {
        String token = switch (who) {
            case "alice" -> aliceToken;
            case "mallory" -> malloryToken;
            default -> null;
        };
        Probe p = Probe.of(category, method, path).as(who, token, who.equals("alice")).submitType(submitType)
                .containerMayReject().timeout(Duration.ofSeconds(20));
        if (body != null) {
            p.json(body);
        }
        if (events) {
            p.accept("text/event-stream");
        }
        return p.raw(Abuse.rawRequest(p));
    }

    // --- tokens --------------------------------------------------------------------------------

    /** A route every user may call, with the body a user would send; ids are alice's. */
    private record Route(String method, String path, String body, boolean submitType, String accept) {
        Route(String method, String path, String body, boolean submitType) {
            this(method, path, body, submitType, "application/json");
        }
    }

    private static List<Route> aliceRoutes(Function<String, String> id) {
        String payload = Buffers.args("x");
        return List.of(
                new Route("GET", "/v2/functions", null, false),
                new Route("GET", "/v2/functions/" + id.apply(aliceFn), null, false),
                new Route("DELETE", "/v2/functions/" + id.apply(aliceFn), null, false),
                new Route("POST", "/v3/functions", "{\"function_name\":\"m\",\"function_code\":\"sh\\n{\\\"cmd\\\":\\\"id\\\"}\"}", true),
                new Route("POST", "/v2/functions", "{\"function_name\":\"m\",\"function_code\":\"sh\\n{\\\"cmd\\\":\\\"id\\\"}\"}", true),
                new Route("POST", "/v3/endpoints", "{\"endpoint_name\":\"mallory-ep\"}", true),
                new Route("PUT", "/v3/endpoints/" + id.apply(aliceEp), "{\"endpoint_name\":\"stolen\"}", true),
                new Route("PUT", "/v3/endpoints/" + id.apply(aliceEp2), "{\"endpoint_name\":\"stolen2\",\"public\":true}", true),
                new Route("GET", "/v2/endpoints?role=owner", null, false),
                new Route("GET", "/v2/endpoints?role=any", null, false),
                new Route("GET", "/v2/endpoints", null, false),
                new Route("GET", "/v2/endpoints/" + id.apply(aliceEp), null, false),
                new Route("GET", "/v2/endpoints/" + id.apply(aliceEp) + "/status", null, false),
                new Route("GET", "/v3/endpoints/" + id.apply(aliceEp) + "/allowed_functions", null, false),
                new Route("POST", "/v3/endpoints/" + id.apply(aliceEp2) + "/lock", "{}", false),
                new Route("DELETE", "/v2/endpoints/" + id.apply(aliceEp2), null, false),
                new Route("POST", "/v3/endpoints/" + id.apply(aliceEp) + "/submit", Json.createObjectBuilder()
                        .add("tasks", Json.createObjectBuilder().add(id.apply(aliceFn), Json.createArrayBuilder().add(payload)))
                        .build().toString(), true),
                new Route("POST", "/v3/endpoints/" + STACK.endpointId() + "/submit", Json.createObjectBuilder()
                        .add("tasks", Json.createObjectBuilder().add(id.apply(aliceFn), Json.createArrayBuilder().add(payload)))
                        .add("task_group_id", id.apply(aliceGroup)).build().toString(), true),
                new Route("POST", "/v2/submit", Json.createObjectBuilder().add("tasks", Json.createArrayBuilder()
                        .add(Json.createArrayBuilder().add(id.apply(aliceFn)).add(id.apply(aliceEp)).add(payload)))
                        .add("task_group_id", id.apply(aliceGroup)).build().toString(), true),
                new Route("GET", "/v2/tasks/" + id.apply(aliceTask), null, false),
                new Route("POST", "/v2/tasks/" + id.apply(aliceTask) + "/cancel", null, false),
                new Route("POST", "/v2/batch_status", "{\"task_ids\":[\"" + id.apply(aliceTask) + "\"]}", false),
                new Route("GET", "/v2/taskgroup/" + id.apply(aliceGroup), null, false),
                new Route("POST", "/v2/taskgroup/" + id.apply(aliceGroup) + "/cancel", null, false),
                new Route("GET", "/v2/taskgroup/" + id.apply(aliceGroup) + "/events", null, false, "text/event-stream"),
                new Route("GET", "/v2/get_amqp_result_connection_url", null, false));
    }

    @Test
    @Order(5)
    void badTokensOnEveryRoute() {
        restoreAlicesSecondEndpoint();
        String category = "auth";
        long now = System.currentTimeMillis() / 1000;
        List<String> user = List.of("user");
        Map<String, Function<String, String>> kinds = new LinkedHashMap<>();
        kinds.put("none", s -> null);
        kinds.put("empty-bearer", s -> "Bearer ");
        kinds.put("bare-bearer", s -> "Bearer");
        kinds.put("garbage", s -> "Bearer " + randomAscii(8 + rnd.nextInt(200)));
        kinds.put("basic", s -> "Basic " + Base64.getEncoder().encodeToString((s + ":" + s).getBytes(StandardCharsets.UTF_8)));
        kinds.put("three-dots", s -> "Bearer a.b.c");
        kinds.put("four-parts", s -> "Bearer " + jwts.signedByStack(claims(s, user, now).build()) + ".x");
        kinds.put("expired", s -> "Bearer " + jwts.signedByStack(claims(s, user, now - 7200)
                .add("exp", now - 3600).build()));
        kinds.put("forged-key", s -> "Bearer " + jwts.signedByOtherKey(claims(s, user, now).build()));
        kinds.put("alg-none", s -> "Bearer " + Jwts.unsigned(claims(s, user, now).build()));
        kinds.put("alg-none-with-sig", s -> {
            String real = jwts.signedByStack(claims(s, user, now).build());
            return "Bearer " + Jwts.part(Json.createObjectBuilder().add("alg", "none").build())
                    + real.substring(real.indexOf('.'));
        });
        kinds.put("alg-NONE", s -> "Bearer " + Jwts.part(Json.createObjectBuilder().add("alg", "NoNe").build()) + "."
                + Jwts.part(claims(s, user, now).build()) + ".");
        kinds.put("wrong-issuer", s -> "Bearer " + jwts.signedByStack(claims(s, user, now).add("iss", "evil-issuer").build()));
        kinds.put("no-issuer", s -> "Bearer " + jwts.signedByStack(claims(s, user, now).remove("iss").build()));
        kinds.put("tampered-payload", s -> "Bearer " + Jwts.withPayload(jwts.signedByStack(
                claims("mallory", user, now).build()), claims(s, List.of("user", "admin"), now).build()));
        kinds.put("tampered-signature", s -> {
            String t = jwts.signedByStack(claims(s, user, now).build());
            char last = t.charAt(t.length() - 2);
            return "Bearer " + t.substring(0, t.length() - 2) + (last == 'A' ? 'B' : 'A') + t.charAt(t.length() - 1);
        });
        kinds.put("hs256-public-key", s -> "Bearer " + jwts.hmacWithPublicKey(claims(s, user, now).build()));
        kinds.put("kid-traversal", s -> "Bearer " + Jwts.hs256(Json.createObjectBuilder().add("alg", "HS256")
                .add("kid", "../../../../../../dev/null").build(), claims(s, user, now).build(), new byte[0]));
        kinds.put("jku-header", s -> "Bearer " + jwts.signedByOtherKey(Json.createObjectBuilder().add("alg", "RS256")
                .add("jku", "http://127.0.0.1:1/jwks.json").add("x5u", "http://127.0.0.1:1/x.pem").build(),
                claims(s, user, now).build()));
        kinds.put("no-exp", s -> "Bearer " + jwts.signedByStack(claims(s, user, now).remove("exp").build()));
        kinds.put("appended", s -> "Bearer " + jwts.signedByStack(claims(s, user, now).build()) + "x");
        kinds.put("whitespace", s -> "Bearer  \t" + jwts.signedByOtherKey(claims(s, user, now).build()));
        kinds.put("long-garbage", s -> "Bearer " + randomAscii(6_000));
        List<Probe> probes = new ArrayList<>();
        List<Route> routes = aliceRoutes(Function.identity());
        for (int round = 0; round < 3; round++) {
            String subject = round == 1 ? "mallory" : "alice";
            for (Map.Entry<String, Function<String, String>> kind : kinds.entrySet()) {
                for (Route r : routes) {
                    String authorization = kind.getValue().apply(subject);
                    Probe p = Probe.of(category, r.method(), r.path()).as(kind.getKey(), null, false)
                            .authorization(authorization).accept(r.accept()).expect(UNAUTHENTICATED);
                    if (r.body() != null) {
                        p.json(r.body());
                    }
                    probes.add(p);
                }
            }
            // signed right, but no role: 403
            for (List<String> groups : List.of(List.<String>of(), List.of("guest"), List.of("USER"), List.of("user "))) {
                for (Route r : routes) {
                    // a real user, but never alice: a token signed with the real key is genuine
                    String t = jwts.signedByStack(claims("nobody-" + round, groups, now).build());
                    Probe p = Probe.of(category, r.method(), r.path()).as("no-role-" + round, t, false)
                            .accept(r.accept()).expect(NO_SCOPE);
                    if (r.body() != null) {
                        p.json(r.body());
                    }
                    probes.add(p);
                }
            }
        }
        runAndAssert(category, probes);
    }

    /**
     * Alice's own fuzzing may have renamed her second endpoint (a PUT with another valid name): she puts
     * it back, so that the last check can tell whether anyone else renamed it.
     */
    private static void restoreAlicesSecondEndpoint() {
        ApiResponse r = STACK.api().as(aliceToken).put("/v3/endpoints/" + aliceEp2,
                Json.createObjectBuilder().add("endpoint_name", aliceEp2Name).build());
        assertTrue(r.status() == 200 || r.status() == 429, r::toString);
    }

    private static JsonObjectBuilder claims(String subject, List<String> groups, long now) {
        return Jwts.claims(subject, groups, now, UUID.nameUUIDFromBytes(longBytes(rnd.nextLong())).toString());
    }

    // --- mallory with alice's ids --------------------------------------------------------------

    @Test
    @Order(6)
    void anotherUserTriesEveryRouteWithAlicesIds() {
        String category = "other-user";
        List<Function<String, String>> variants = List.of(Function.identity(), s -> s.toUpperCase(Locale.ROOT),
                s -> s.substring(0, 9) + s.substring(9).toUpperCase(Locale.ROOT), s -> "%20" + s, s -> s + "%20",
                s -> "{" + s + "}", s -> s.replace("-", ""), s -> "urn:uuid:" + s);
        List<Probe> probes = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            for (Function<String, String> v : variants) {
                for (Route r : aliceRoutes(v)) {
                    boolean listing = r.path().equals("/v2/functions") || r.path().startsWith("/v2/endpoints?")
                            || r.path().equals("/v2/endpoints") || r.path().startsWith("/v2/batch_status")
                            || r.path().startsWith("/v2/get_amqp") || r.path().equals("/v3/functions")
                            || r.path().equals("/v2/functions") || r.path().equals("/v3/endpoints")
                            || r.path().equals("/v2/submit");
                    Probe p = Probe.of(category, r.method(), r.path()).as("mallory", malloryToken, false)
                            .accept(r.accept()).submitType(r.submitType()).expect(listing ? ANY : REFUSED);
                    if (r.body() != null) {
                        p.json(r.body().replace("mallory-ep", "mallory-ep-" + round + "-" + probes.size()));
                    }
                    probes.add(p.raw(Abuse.rawRequest(p)).containerMayReject());
                }
            }
        }
        runAndAssert(category, probes);
        // batch_status and /v2/submit answer 200: alice's task must read as unknown, her function as not found
        FabricApi mallory = STACK.api().as(malloryToken);
        JsonValue entry = mallory.batchStatus(List.of(aliceTask)).get(aliceTask);
        assertEquals(Json.createObjectBuilder().add("status", "Failed").add("reason", "unknown task id").build(), entry);
    }

    // --- oversized and slow uploads ------------------------------------------------------------

    @Test
    @Order(7)
    void oversizedBodies() throws IOException {
        String category = "oversized";
        List<Probe> probes = new ArrayList<>();
        String submit = "/v3/endpoints/" + aliceEp + "/submit";
        // over the 16 MiB request limit, declared
        byte[] seventeen = ("{\"function_name\":\"big\",\"function_code\":\"sh\\n" + "x".repeat(17 * MIB) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        probes.add(Probe.of(category, "POST", "/v3/functions").as("alice", aliceToken, true)
                .body(seventeen, "application/json").submitType(true).mayDropConnection());
        probes.add(Probe.of(category, "POST", submit).as("mallory", malloryToken, false)
                .body(seventeen, "application/json").submitType(true).mayDropConnection());
        // under the request limit, over the payload / batch / function limits
        probes.add(Probe.of(category, "POST", submit).as("alice", aliceToken, true).submitType(true)
                .json(FabricApi.submitBody(Map.of(aliceFn, List.of(Buffers.args("p".repeat(10 * MIB + 1024)))), List.of())
                        .toString()));
        probes.add(Probe.of(category, "POST", submit).as("alice", aliceToken, true).submitType(true)
                .json(FabricApi.submitBody(Map.of(aliceFn, List.of(Buffers.args("p".repeat(6 * MIB)),
                        Buffers.args("q".repeat(6 * MIB)))), List.of()).toString()));
        probes.add(Probe.of(category, "POST", "/v2/submit").as("alice", aliceToken, true).submitType(true)
                .json("{\"tasks\":[[\"" + aliceFn + "\",\"" + aliceEp + "\",\"" + Buffers.args("p".repeat(10 * MIB + 10))
                        .replace("\n", "\\n").replace("\"", "\\\"") + "\"]]}"));
        probes.add(Probe.of(category, "POST", "/v3/functions").as("alice", aliceToken, true).submitType(true)
                .json("{\"function_name\":\"big\",\"function_code\":\"sh\\n" + "c".repeat(11 * MIB) + "\"}"));
        // many small things: 10,001 tasks in one submit; 100,000 ids in one batch_status
        JsonArrayBuilder many = Json.createArrayBuilder();
        for (int i = 0; i < 10_001; i++) {
            many.add("1");
        }
        probes.add(Probe.of(category, "POST", submit).as("alice", aliceToken, true).submitType(true)
                .json("{\"tasks\":{\"" + aliceFn + "\":" + many.build() + "}}"));
        StringBuilder ids = new StringBuilder("{\"task_ids\":[");
        for (int i = 0; i < 100_000; i++) {
            ids.append(i == 0 ? "" : ",").append('"').append(UUID.nameUUIDFromBytes(longBytes(rnd.nextLong()))).append('"');
        }
        probes.add(Probe.of(category, "POST", "/v2/batch_status").as("mallory", malloryToken, false)
                .json(ids.append("]}").toString()));
        probes.add(Probe.of(category, "POST", "/v2/batch_status").as("mallory", malloryToken, false)
                .json("{\"task_ids\":[" + "\"x\",".repeat(200_000) + "\"x\"]}"));
        // lying or absurd lengths, and chunked bodies, over a raw socket
        String head = "POST /v3/functions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + aliceToken
                + "\r\nContent-Type: application/json\r\nConnection: close\r\n";
        for (String extra : List.of("Content-Length: 1000000000000000\r\n", "Content-Length: 99999999999999999999999\r\n",
                "Content-Length: -5\r\n", "Content-Length: abc\r\n", "Content-Length: 2\r\nContent-Length: 20\r\n",
                "Content-Length: 10\r\nTransfer-Encoding: chunked\r\n", "Transfer-Encoding: chunked\r\n",
                "Transfer-Encoding: gzip, chunked\r\n", "Transfer-Encoding: identity\r\n", "Content-Encoding: gzip\r\n"
                        + "Content-Length: 2\r\n")) {
            byte[] req = (head + extra + "\r\n" + (extra.contains("chunked") ? "zz\r\n{}\r\n0\r\n\r\n" : "{}"))
                    .getBytes(StandardCharsets.ISO_8859_1);
            probes.add(Probe.of(category, "POST", "/v3/functions").as("alice", aliceToken, true).submitType(true)
                    .raw(req).containerMayReject().mayDropConnection().timeout(Duration.ofSeconds(15)));
        }
        // 20 MiB chunked (no Content-Length, so the size filter cannot see it up front)
        ByteArrayOutputStream chunked = new ByteArrayOutputStream();
        chunked.write((head + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        byte[] start = "{\"function_name\":\"chunky\",\"function_code\":\"sh\\n".getBytes(StandardCharsets.US_ASCII);
        writeChunk(chunked, start);
        byte[] piece = "x".repeat(MIB).getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 20; i++) {
            writeChunk(chunked, piece);
        }
        writeChunk(chunked, "\"}".getBytes(StandardCharsets.US_ASCII));
        chunked.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        probes.add(Probe.of(category, "POST", "/v3/functions").as("alice", aliceToken, true).submitType(true)
                .raw(chunked.toByteArray()).mayDropConnection().timeout(Duration.ofSeconds(60)));
        probes.forEach(Probe::verbose);
        runAndAssert(category, probes);
    }

    private static void writeChunk(ByteArrayOutputStream out, byte[] data) throws IOException {
        out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(data);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    @Order(8)
    void slowAndStalledUploads() throws Exception {
        String category = "slow-body";
        RawHttp raw = abuse.raw();
        String body = "{\"function_name\":\"slow\",\"function_code\":\"sh\\n{\\\"cmd\\\":\\\"true\\\"}\"}";
        String head = "POST /v3/functions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + aliceToken
                + "\r\nContent-Type: application/json\r\nConnection: close\r\n";
        Duration wait = Duration.ofSeconds(8);
        List<SlowCase> cases = new ArrayList<>();
        for (int copy = 0; copy < 2; copy++) {
            // stops after a tenth of the declared body, then waits
            cases.add(new SlowCase("stalled body", true, out -> {
                out.write((head + "Content-Length: " + body.length() + "\r\n\r\n" + body.substring(0, 7))
                        .getBytes(StandardCharsets.UTF_8));
            }));
            // the body one byte at a time, 60 ms apart: must be answered normally
            cases.add(new SlowCase("trickled body", false, out -> {
                out.write((head + "Content-Length: " + body.length() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                for (byte b : body.getBytes(StandardCharsets.UTF_8)) {
                    out.write(b);
                    out.flush();
                    Thread.sleep(60);
                }
            }));
            // headers one line every 400 ms (slowloris), then a normal body
            cases.add(new SlowCase("trickled headers", false, out -> {
                for (String line : (head + "X-A: 1\r\nX-B: 2\r\nX-C: 3\r\nX-D: 4\r\nContent-Length: " + body.length()
                        + "\r\n").split("(?<=\r\n)")) {
                    out.write(line.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    Thread.sleep(400);
                }
                out.write(("\r\n" + body).getBytes(StandardCharsets.UTF_8));
            }));
            // half the declared body, then the client half-closes
            cases.add(new SlowCase("half-closed", true, out -> {
                out.write((head + "Content-Length: " + (body.length() * 2) + "\r\n\r\n" + body)
                        .getBytes(StandardCharsets.UTF_8));
            }, true));
            // Expect: 100-continue, then never the body
            cases.add(new SlowCase("expect-continue", true, out -> {
                out.write((head + "Expect: 100-continue\r\nContent-Length: " + body.length() + "\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
            }));
            // a chunked body one small chunk every 150 ms
            cases.add(new SlowCase("trickled chunks", false, out -> {
                out.write((head + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                byte[] b = body.getBytes(StandardCharsets.UTF_8);
                for (int i = 0; i < b.length; i += 8) {
                    byte[] c = Arrays.copyOfRange(b, i, Math.min(b.length, i + 8));
                    out.write((Integer.toHexString(c.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(c);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    Thread.sleep(150);
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }));
            // connects and says nothing
            cases.add(new SlowCase("silent connection", true, out -> { }));
            // a partial request line
            cases.add(new SlowCase("partial request line", true, out -> out.write("POST /v3/func".getBytes(
                    StandardCharsets.US_ASCII))));
        }
        ExecutorService slow = Executors.newFixedThreadPool(cases.size());
        try {
            List<Future<?>> running = new ArrayList<>();
            for (SlowCase c : cases) {
                running.add(slow.submit(() -> {
                    Probe p = Probe.of(category, "POST", "/v3/functions (" + c.name + ")").as("alice", aliceToken, true)
                            .submitType(true).containerMayReject().verbose();
                    if (c.mayGetNoAnswer) {
                        p.mayDropConnection();
                    }
                    try (Socket socket = raw.open(wait)) {
                        long deadline = System.nanoTime() + wait.toNanos();
                        try {
                            c.writer.write(socket.getOutputStream());
                            socket.getOutputStream().flush();
                            if (c.halfClose) {
                                socket.shutdownOutput();
                            }
                        } catch (IOException e) {
                            // the server closed early: read whatever it said
                        }
                        abuse.judge(p, RawHttp.read(socket, deadline));
                    } catch (RawHttp.NoResponse e) {
                        abuse.judgeNoAnswer(p, e.timedOut, e.getMessage());
                    }
                    return null;
                }));
            }
            // while they hang, the service answers everyone else at once
            Thread.sleep(1500);
            FabricApi alice = STACK.api().as(aliceToken);
            for (int i = 0; i < 5; i++) {
                long t0 = System.nanoTime();
                ApiResponse r = alice.get("/v2/tasks/" + aliceTask);
                double secs = (System.nanoTime() - t0) / 1e9;
                assertEquals(200, r.status(), () -> "alice's task during slow uploads: " + r);
                assertTrue(secs < 5, "reading a task took " + secs + " s while slow uploads were open");
                Thread.sleep(300);
            }
            for (Future<?> f : running) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            slow.shutdownNow();
        }
        Abuse.Tally t = abuse.tally(category);
        System.out.printf("[AbuseIT] %-13s %,6d requests: %s%n", category, t.sent(), t.statusSummary());
        assertNoViolations(category);
    }

    @FunctionalInterface
    private interface Writer {
        void write(OutputStream out) throws Exception;
    }

    private record SlowCase(String name, boolean mayGetNoAnswer, Writer writer, boolean halfClose) {
        SlowCase(String name, boolean mayGetNoAnswer, Writer writer) {
            this(name, mayGetNoAnswer, writer, false);
        }
    }

    /**
     * Requests that only go wrong in sequence: a name reused after its endpoint was deleted, a rename onto
     * a name taken, deleting and cancelling twice. Sent one after the other, as alice, on her own things.
     */
    @Test
    @Order(9)
    void sequencesOnAlicesOwnThings() {
        String category = "sequences";
        String name = "alice-reuse-" + marker;
        String json = "{\"endpoint_name\":\"" + name + "\"}";
        Function<Probe, String> send = p -> abuse.send(p.as("alice", aliceToken, true).verbose());
        send.apply(Probe.of(category, "POST", "/v3/endpoints").json(json).submitType(true));
        ApiResponse listed = STACK.api().as(aliceToken).get("/v2/endpoints?role=owner");
        String id = listed.json().asJsonArray().stream().map(JsonValue::asJsonObject)
                .filter(e -> name.equals(e.getString("name", ""))).map(e -> e.getString("uuid")).findFirst().orElseThrow();
        send.apply(Probe.of(category, "POST", "/v3/endpoints").json(json).submitType(true));
        send.apply(Probe.of(category, "PUT", "/v3/endpoints/" + id).json("{\"endpoint_name\":\"" + aliceEp2Name + "\"}")
                .submitType(true));
        send.apply(Probe.of(category, "DELETE", "/v2/endpoints/" + id));
        send.apply(Probe.of(category, "DELETE", "/v2/endpoints/" + id));
        send.apply(Probe.of(category, "PUT", "/v3/endpoints/" + id).json(json).submitType(true));
        send.apply(Probe.of(category, "POST", "/v3/endpoints").json(json).submitType(true));
        send.apply(Probe.of(category, "PUT", "/v3/endpoints/" + aliceEp2).json(json).submitType(true));
        send.apply(Probe.of(category, "PUT", "/v3/endpoints/" + aliceEp2)
                .json("{\"endpoint_name\":\"" + aliceEp2Name + "\"}").submitType(true));
        String fn = STACK.api().as(aliceToken).registerFunction("alice_tmp", Buffers.shellFunction("true", 5));
        send.apply(Probe.of(category, "DELETE", "/v2/functions/" + fn));
        send.apply(Probe.of(category, "DELETE", "/v2/functions/" + fn));
        send.apply(Probe.of(category, "GET", "/v2/functions/" + fn));
        send.apply(Probe.of(category, "POST", "/v3/endpoints/" + aliceEp + "/submit").submitType(true)
                .json("{\"tasks\":{\"" + fn + "\":[\"x\"]}}"));
        Abuse.Tally t = abuse.tally(category);
        System.out.printf("[AbuseIT] %-13s %,6d requests: %s%n", category, t.sent(), t.statusSummary());
        assertNoViolations(category);
    }

    // --- afterwards ----------------------------------------------------------------------------

    @Test
    @Order(100)
    void serviceIsHealthyAndAliceStillHasHerTask() {
        ApiResponse ready = STACK.api().anonymous().get("/health/ready");
        assertEquals(200, ready.status(), ready::toString);
        FabricApi alice = STACK.api().as(aliceToken);
        JsonObject task = alice.task(aliceTask);
        assertEquals(aliceTask, task.getString("task_id"));
        assertNotEquals("cancelled", task.getString("status"), "nobody else may cancel alice's task");
        ApiResponse fn = alice.get("/v2/functions/" + aliceFn);
        assertEquals(200, fn.status(), fn::toString);
        assertEquals("alice_fn_" + marker, fn.object().getString("function_name"));
        assertTrue(fn.object().getString("function_code").contains("alice-code-" + marker), fn::toString);
        ApiResponse ep = alice.get("/v2/endpoints/" + aliceEp);
        assertEquals(200, ep.status(), ep::toString);
        assertEquals("alice-ep-" + marker, ep.object().getString("name"));
        ApiResponse ep2 = alice.get("/v2/endpoints/" + aliceEp2);
        assertEquals(200, ep2.status(), () -> "alice's second endpoint: " + ep2);
        assertEquals(aliceEp2Name, ep2.object().getString("name"), "nobody else may rename alice's endpoint");
        long total = abuse.totalSent();
        System.out.printf("[AbuseIT] %,d requests in all%n", total);
        assertTrue(total >= 10_000, "only " + total + " requests were sent");
    }

    // --- running and checking ------------------------------------------------------------------

    private static void runAndAssert(String category, List<Probe> probes) {
        long t0 = System.nanoTime();
        abuse.run(probes);
        Abuse.Tally t = abuse.tally(category);
        System.out.printf("[AbuseIT] %-13s %,6d requests in %5.1f s: %s%n", category, t.sent(),
                (System.nanoTime() - t0) / 1e9, t.statusSummary());
        assertNoViolations(category);
    }

    private static void assertNoViolations(String category) {
        Abuse.Tally t = abuse.tally(category);
        if (t.violations() > 0) {
            throw new AssertionError(t.violations() + " of " + t.sent() + " " + category + " requests got a wrong answer"
                    + " (seed " + SEED + "), e.g.:\n  " + String.join("\n  ", t.examples()));
        }
    }

    // --- generators ----------------------------------------------------------------------------

    /** A position in a JSON document (a JSON Pointer) and the value there. */
    private record JsonPointer(JsonObject root, String path, JsonValue value) {
    }

    private static List<JsonPointer> pointers(JsonObject root) {
        List<JsonPointer> out = new ArrayList<>();
        collect(root, root, "", out);
        return out;
    }

    private static void collect(JsonObject root, JsonValue v, String path, List<JsonPointer> out) {
        if (!path.isEmpty()) {
            out.add(new JsonPointer(root, path, v));
        }
        if (v instanceof JsonObject o) {
            o.forEach((k, child) -> collect(root, child, path + "/" + k.replace("~", "~0").replace("/", "~1"), out));
        } else if (v instanceof JsonArray a) {
            for (int i = 0; i < a.size(); i++) {
                collect(root, a.get(i), path + "/" + i, out);
            }
        }
    }

    private static JsonObject replace(JsonObject root, String path, JsonValue value) {
        return Json.createPointer(path).replace(root, value);
    }

    private static JsonObject remove(JsonObject root, String path) {
        return Json.createPointer(path).remove(root);
    }

    /** The document with the value at {@code path} replaced by {@code rawJson}, which need not be valid. */
    private static String replaceRaw(JsonObject root, String path, String rawJson) {
        String hole = "\u0007HOLE" + Long.toHexString(rnd.nextLong()) + "\u0007";
        return replace(root, path, Json.createValue(hole)).toString().replace("\"" + jsonEscape(hole) + "\"", rawJson);
    }

    private static String jsonEscape(String s) {
        String quoted = Json.createValue(s).toString();
        return quoted.substring(1, quoted.length() - 1);
    }

    private static JsonValue randomValue(int depth) {
        int kind = rnd.nextInt(depth > 0 ? 10 : 8);
        return switch (kind) {
            case 0 -> Json.createValue(rnd.nextInt());
            case 1 -> Json.createValue(rnd.nextLong());
            case 2 -> Json.createValue(switch (rnd.nextInt(4)) {
                case 0 -> rnd.nextDouble();
                case 1 -> -rnd.nextDouble() * 1e300;
                case 2 -> Double.MIN_VALUE;
                default -> rnd.nextGaussian() * 1e6;
            });
            case 3 -> rnd.nextBoolean() ? JsonValue.TRUE : JsonValue.FALSE;
            case 4 -> JsonValue.NULL;
            case 5, 6 -> Json.createValue(randomString());
            case 7 -> Json.createValue(new java.math.BigInteger(100 + rnd.nextInt(400), rnd));
            case 8 -> {
                JsonArrayBuilder b = Json.createArrayBuilder();
                int n = rnd.nextInt(4);
                for (int i = 0; i < n; i++) {
                    b.add(randomValue(depth - 1));
                }
                yield b.build();
            }
            default -> {
                JsonObjectBuilder b = Json.createObjectBuilder();
                int n = rnd.nextInt(4);
                for (int i = 0; i < n; i++) {
                    b.add(randomKey(), randomValue(depth - 1));
                }
                yield b.build();
            }
        };
    }

    private static final String[] SPICY = {"", " ", "x", "../", "..\\", "%2e%2e%2f", "..%00", "\u0000", "\u202E",
            "\uD83D\uDE00", "\u540D", "'", "\"", "\\", "${jndi:x}", "<b>", "%s", "\r\n", "\t", "sh\n", "11\n", "00\n",
            RANDOM_ID, "null", "true", "-1", "1e999", "\uFEFF", "\u0301", "\u200B", "a".repeat(300)};

    private static String randomString() {
        StringBuilder s = new StringBuilder();
        int n = rnd.nextInt(5);
        for (int i = 0; i < n; i++) {
            s.append(rnd.nextBoolean() ? SPICY[rnd.nextInt(SPICY.length)] : randomAscii(rnd.nextInt(12)));
        }
        return s.toString();
    }

    private static String randomKey() {
        return switch (rnd.nextInt(6)) {
            case 0 -> "";
            case 1 -> SPICY[rnd.nextInt(SPICY.length)];
            case 2 -> "k".repeat(1 + rnd.nextInt(2000));
            default -> randomAscii(1 + rnd.nextInt(16));
        };
    }

    private static String randomAscii(int n) {
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append((char) (0x21 + rnd.nextInt(0x5e)));
        }
        return s.toString();
    }

    private static String unicode() {
        String[] pieces = {"\u00e9", "\u540D\u524D", "\uD83D\uDE00", "\u202E", "\u0301", "\u200B", "\uFEFF", "\u0130",
                "\u00DF", "\uFF21", "\u0000"};
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 1 + rnd.nextInt(8); i++) {
            s.append(pieces[rnd.nextInt(pieces.length)]);
        }
        return s.toString();
    }

    /** A path segment of dangerous characters, percent-encoded or not. */
    private static String randomPathSegment() {
        String[] parts = {"..", ".", "/", "%2f", "%2e", "%00", "%5c", "\\", ";", "%3b", "?", "#", "%23", "%25", "%",
                "\u00e9", "%c3%a9", "%ff", "a", "0", "-", RANDOM_ID.substring(0, 8), "%0a", "+", "%20", "~", "*"};
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 1 + rnd.nextInt(8); i++) {
            s.append(parts[rnd.nextInt(parts.length)]);
        }
        return s.toString();
    }

    private static String camel(String snake) {
        StringBuilder s = new StringBuilder();
        boolean up = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                up = true;
            } else {
                s.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return s.toString().equals(snake) ? snake + "X" : s.toString();
    }

    private static final String BAD_HERE = "@@BAD@@";

    /** {@code json} as UTF-8 with {@code bad} bytes where {@link #BAD_HERE} is. */
    private static byte[] spliced(String json, byte[] bad) {
        int at = json.indexOf(BAD_HERE);
        byte[] before = json.substring(0, at).getBytes(StandardCharsets.UTF_8);
        byte[] after = json.substring(at + BAD_HERE.length()).getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[before.length + bad.length + after.length];
        System.arraycopy(before, 0, out, 0, before.length);
        System.arraycopy(bad, 0, out, before.length, bad.length);
        System.arraycopy(after, 0, out, before.length + bad.length, after.length);
        return out;
    }

    private static byte[] longBytes(long v) {
        return java.nio.ByteBuffer.allocate(8).putLong(v).array();
    }
}
