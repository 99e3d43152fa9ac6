package org.funcfabric.systemtest;

import static org.funcfabric.systemtest.support.Buffers.decodeResult;
import static org.funcfabric.systemtest.support.ErrorEnvelope.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.funcfabric.examples.Square;
import org.funcfabric.protocol.JavaFunctionCode;
import org.funcfabric.protocol.JavaTaskPayload;
import org.funcfabric.systemtest.support.ApiResponse;
import org.funcfabric.systemtest.support.FabricApi;
import org.funcfabric.systemtest.support.FabricStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Java functions (header {@code jv}) on the real stack: the examples module's jar registered over REST,
 * run by the connector's worker as single calls and as maps, a failing function's stack trace, and the
 * jar size limit.
 */
class JavaFunctionIT {
    @RegisterExtension
    static final FabricStack STACK = FabricStack.withSlots(2);

    private static final Duration TASK_DEADLINE = Duration.ofSeconds(60);
    private static final Duration BATCH_DEADLINE = Duration.ofSeconds(240);
    private static final int MAX_JAR_BYTES = 10 * 1024 * 1024;
    private static final int SINGLE_TASKS = 200;
    private static final int MAP_TASKS = 10;
    private static final int MAP_INPUTS = 1000;

    private static byte[] examples;

    private final FabricApi api = STACK.api();

    @BeforeAll
    static void readExamplesJar() throws IOException, URISyntaxException {
        Path jar = Path.of(Square.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isRegularFile(jar), () -> "the examples jar is needed, found " + jar
                + ": build it first (mvn -B install -pl examples)");
        examples = Files.readAllBytes(jar);
    }

    private static String example(String simpleName) {
        return JavaFunctionCode.of("org.funcfabric.examples." + simpleName, examples).buffer();
    }

    @Test
    void singleCallsAndMapsOfSquareGiveEveryResult() {
        String square = api.registerFunction("square", example("Square"));
        List<String> payloads = new ArrayList<>();
        for (int i = 0; i < SINGLE_TASKS; i++) {
            payloads.add(JavaTaskPayload.single(Integer.toString(i)));
        }
        for (int m = 0; m < MAP_TASKS; m++) {
            payloads.add(JavaTaskPayload.map(mapInputs(m).toString()));
        }

        long t0 = System.nanoTime();
        List<String> ids = api.submit(STACK.endpointId(), Map.of(square, payloads), List.of()).tasks().get(square);
        Map<String, JsonObject> docs = api.awaitTerminal(ids, BATCH_DEADLINE);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("[JavaFunctionIT] %d single tasks and %d maps of %d inputs in %.1f s, submit to last result%n",
                SINGLE_TASKS, MAP_TASKS, MAP_INPUTS, seconds);

        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < SINGLE_TASKS; i++) {
            JsonObject doc = docs.get(ids.get(i));
            JsonValue result = successfulJsonResult(doc);
            if (!(result instanceof JsonNumber n) || n.longValueExact() != (long) i * i) {
                wrong.add("single task " + i + " gave " + (result == null ? doc : result));
            }
        }
        for (int m = 0; m < MAP_TASKS; m++) {
            JsonObject doc = docs.get(ids.get(SINGLE_TASKS + m));
            JsonArrayBuilder expected = Json.createArrayBuilder();
            mapInputs(m).getValuesAs(JsonNumber.class).forEach(x -> expected.add(x.longValueExact() * x.longValueExact()));
            JsonValue result = successfulJsonResult(doc);
            if (!expected.build().equals(result)) {
                wrong.add("map task " + m + " gave " + (result == null ? doc : shortened(result)));
            }
        }
        assertTrue(wrong.isEmpty(), () -> wrong.size() + " problems, first ones:\n  "
                + String.join("\n  ", wrong.subList(0, Math.min(5, wrong.size()))));
    }

    @Test
    void failingFunctionFailsWithItsJavaStackTrace() {
        String fail = api.registerFunction("fail", example("Fail"));
        JsonObject doc = api.awaitTerminal(api.submitOne(STACK.endpointId(), fail, JavaTaskPayload.single("\"x\"")),
                TASK_DEADLINE);

        assertEquals("failed", doc.getString("status"), doc::toString);
        String trace = doc.getString("exception", "");
        assertTrue(trace.startsWith("java.lang.IllegalArgumentException: refusing 'x': this function always fails\n"
                + "\tat org.funcfabric.examples.Fail.check(Fail.java:"), () -> "a Java stack trace expected: " + trace);
    }

    @Test
    void failingInputOfAMapIsNamed() {
        String summary = api.registerFunction("summary", example("Summary"));
        JsonObject doc = api.awaitTerminal(api.submitOne(STACK.endpointId(), summary,
                JavaTaskPayload.map("[[1.0, 2.0], [], [3.0]]")), TASK_DEADLINE);

        assertEquals("failed", doc.getString("status"), doc::toString);
        String trace = doc.getString("exception", "");
        assertTrue(trace.startsWith("input #1 of 3: java.lang.IllegalArgumentException: cannot summarize an empty list\n"
                + "\tat org.funcfabric.examples.Summary.apply("), trace);
    }

    @Test
    void jarOfTheLimitIsAcceptedAndOneByteMoreIsTooLarge() {
        ApiResponse atLimit = register("at-limit", jarOfSize(MAX_JAR_BYTES));
        assertEquals(200, atLimit.status(), atLimit::toString);

        ApiResponse over = register("over-limit", jarOfSize(MAX_JAR_BYTES + 1));
        JsonObject error = assertError(over, 413, "FUNCTION_TOO_LARGE");
        assertEquals("the jar of " + (MAX_JAR_BYTES + 1) + " bytes exceeds the limit of " + MAX_JAR_BYTES + " bytes",
                error.getString("reason"));
    }

    private ApiResponse register(String name, byte[] jar) {
        return api.post("/v3/functions", Json.createObjectBuilder()
                .add("function_name", name)
                .add("function_code", JavaFunctionCode.of("org.example.Big", jar).buffer())
                .build());
    }

    /** Zip magic and zeros: the service checks a jar's size and magic number, not its entries. */
    private static byte[] jarOfSize(int size) {
        byte[] jar = new byte[size];
        jar[0] = 'P';
        jar[1] = 'K';
        jar[2] = 3;
        jar[3] = 4;
        return jar;
    }

    private static JsonArray mapInputs(int m) {
        JsonArrayBuilder inputs = Json.createArrayBuilder();
        for (int i = 0; i < MAP_INPUTS; i++) {
            inputs.add(m * MAP_INPUTS + i);
        }
        return inputs.build();
    }

    /** The JSON of a successful task's result, or null when the task did not succeed with a JSON result. */
    private static JsonValue successfulJsonResult(JsonObject doc) {
        if (!"success".equals(doc.getString("status", "")) || !doc.getString("result", "").startsWith("11\n")) {
            return null;
        }
        return decodeResult(doc.getString("result"));
    }

    private static String shortened(JsonValue value) {
        String text = value.toString();
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
