package org.funcfabric.worker.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.funcfabric.protocol.JavaFunctionCode;
import org.funcfabric.protocol.JavaTaskPayload;
import org.funcfabric.protocol.SerializedBuffers;
import org.funcfabric.worker.task.TaskInput;
import org.funcfabric.worker.task.TaskOutcome;
import org.funcfabric.worker.testsupport.Buffers;
import org.funcfabric.worker.testsupport.Jars;
import org.funcfabric.worker.testsupport.Wait;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaExecutorTest {
    private static final String SQUARE = "org.funcfabric.examples.Square";
    private static final String JSON_RESULT = "globus_compute_sdk.serialize.JSONData";

    /** Counts its calls per instance and its instances per class, to show what is reused. */
    private static final String COUNTER = """
            package demo;
            public class Counter implements java.util.function.Function<Object, String> {
                private static int instances;
                private int calls;
                public Counter() { instances++; }
                public String apply(Object ignored) { return "instance " + instances + " call " + ++calls; }
            }
            """;

    @TempDir
    Path dir;
    private JavaFunctionCache functions;
    private JavaExecutor executor;
    private Path examples;

    @BeforeEach
    void start() throws IOException {
        functions = new JavaFunctionCache(dir.resolve("jar-cache"), JavaFunctionCache.DEFAULT_CAPACITY);
        executor = started(new JavaExecutor(functions, "slot-1"));
        examples = Jars.examples(dir);
    }

    @AfterEach
    void stop() {
        executor.stop();
        functions.close();
    }

    private static JavaExecutor started(JavaExecutor executor) {
        executor.start();
        return executor;
    }

    private static TaskOutcome run(JavaExecutor executor, String function, String payload, String... serializers) {
        return executor.execute(new TaskInput("t-1", function, payload, List.of(serializers), 10_000_000));
    }

    private TaskOutcome run(String function, String payload, String... serializers) {
        return run(executor, function, payload, serializers);
    }

    private String example(String simpleName) throws IOException {
        return Jars.function("org.funcfabric.examples." + simpleName, examples);
    }

    private String compiled(String className, String source) throws IOException {
        return Jars.function(className, Jars.compile(dir, className + ".jar", Map.of(className, source)));
    }

    private static JsonValue result(TaskOutcome outcome) {
        assertTrue(outcome.success(), () -> "expected success, got " + outcome.exception());
        assertTrue(outcome.result().startsWith("11\n"), outcome.result());
        try (var reader = Json.createReader(new StringReader(outcome.result().substring(3)))) {
            return reader.readValue();
        }
    }

    private static String failure(TaskOutcome outcome) {
        assertFalse(outcome.success(), () -> "expected a failure, got " + outcome.result());
        return outcome.exception();
    }

    private static String json(List<?> values) {
        return Json.createArrayBuilder(values).build().toString();
    }

    @Test
    void oneCallGivesOneJsonOutput() throws IOException {
        assertEquals(TaskOutcome.success("11\n49"), run(example("Square"), JavaTaskPayload.single("7")));
        assertEquals(TaskOutcome.success("11\n4294967296"), run(example("Square"), JavaTaskPayload.single("65536")));
    }

    @Test
    void mapAppliesTheFunctionToEveryInputInOrder() throws IOException {
        JsonArrayBuilder inputs = Json.createArrayBuilder();
        for (int i = 0; i < 1000; i++) {
            inputs.add(i - 500);
        }
        String square = example("Square");
        run(square, JavaTaskPayload.single("1"));
        long t0 = System.nanoTime();
        JsonArray outputs = result(run(square, JavaTaskPayload.map(inputs.build().toString()))).asJsonArray();
        System.out.printf("[JavaExecutorTest] map of 1000 inputs in %.1f ms%n", (System.nanoTime() - t0) / 1e6);

        assertEquals(1000, outputs.size());
        for (int i = 0; i < 1000; i++) {
            assertEquals((long) (i - 500) * (i - 500), outputs.getJsonNumber(i).longValueExact(), "output " + i);
        }
        assertEquals(TaskOutcome.success("11\n[]"), run(square, JavaTaskPayload.map("[]")));
    }

    @Test
    void recordsMapsAndListsMapToJson() throws IOException {
        JsonObject stats = result(run(example("Summary"), JavaTaskPayload.single("[1.5, 2.5, 5]"))).asJsonObject();
        assertEquals(3, stats.getInt("count"));
        assertEquals(3.0, stats.getJsonNumber("mean").doubleValue());
        assertEquals(1.5, stats.getJsonNumber("min").doubleValue());
        assertEquals(5.0, stats.getJsonNumber("max").doubleValue());

        JsonValue counts = result(run(example("WordCount"), JavaTaskPayload.single("\"The cat and the hat.\"")));
        assertEquals(Json.createObjectBuilder().add("and", 1).add("cat", 1).add("hat", 1).add("the", 2).build(),
                counts);
    }

    @Test
    void typeArgumentsBoundInASuperclassAreHonoured() throws IOException {
        Path jar = Jars.compile(dir, "generic.jar", Map.of(
                "demo.Base", """
                        package demo;
                        public abstract class Base<T> implements java.util.function.Function<java.util.List<T>, String> {
                        }
                        """,
                "demo.Sum", """
                        package demo;
                        public class Sum extends Base<Integer> {
                            public String apply(java.util.List<Integer> xs) {
                                // An element that is not an Integer would fail here with a ClassCastException.
                                int sum = 0;
                                for (Integer x : xs) { sum += x; }
                                return "sum " + sum;
                            }
                        }
                        """));
        assertEquals(TaskOutcome.success("11\n\"sum 6\""), run(Jars.function("demo.Sum", jar),
                JavaTaskPayload.single("[1, 2, 3]")));
    }

    @Test
    void rawFunctionGetsTheJsonShapes() throws IOException {
        String shapes = compiled("demo.Shape", """
                package demo;
                @SuppressWarnings("rawtypes")
                public class Shape implements java.util.function.Function {
                    public Object apply(Object in) {
                        if (in instanceof java.util.Map<?, ?> m) {
                            return "Map of " + apply(m.get("k"));
                        }
                        if (in instanceof java.util.List<?> l) {
                            return "List of " + apply(l.get(0));
                        }
                        return in == null ? "null" : in.getClass().getSimpleName();
                    }
                }
                """);
        JsonValue outputs = result(run(shapes, JavaTaskPayload.map("[{\"k\": [1]}, \"s\", 2, true, null]")));
        assertEquals(Json.createArrayBuilder().add("Map of List of BigDecimal").add("String").add("BigDecimal")
                .add("Boolean").add("null").build(), outputs);
    }

    @Test
    void exceptionFailsTheTaskWithTheJavaStackTrace() throws IOException {
        String trace = failure(run(example("Fail"), JavaTaskPayload.single("\"x\"")));

        assertTrue(trace.startsWith("java.lang.IllegalArgumentException: refusing 'x': this function always fails\n"
                + "\tat org.funcfabric.examples.Fail.check(Fail.java:"), trace);
        assertTrue(trace.contains("\tat org.funcfabric.examples.Fail.apply(Fail.java:"), trace);
        assertFalse(trace.contains("org.funcfabric.worker"), () -> "the worker's own frames are left out: " + trace);
    }

    @Test
    void exceptionInAMapNamesTheInput() throws IOException {
        String divide = compiled("demo.Divide", """
                package demo;
                public class Divide implements java.util.function.Function<Integer, Integer> {
                    public Integer apply(Integer x) {
                        try {
                            return 100 / x;
                        } catch (ArithmeticException e) {
                            throw new IllegalStateException("cannot divide by " + x, e);
                        }
                    }
                }
                """);
        String trace = failure(run(divide, JavaTaskPayload.map("[5, 4, 0, 1]")));

        assertTrue(trace.startsWith("input #2 of 4: java.lang.IllegalStateException: cannot divide by 0\n"
                + "\tat demo.Divide.apply(Divide.java:7)\n"), trace);
        // The cause shares one frame with its wrapper (the bridge method of apply); the worker's are left out.
        assertTrue(trace.endsWith("\nCaused by: java.lang.ArithmeticException: / by zero\n"
                + "\tat demo.Divide.apply(Divide.java:5)\n\t... 1 more"), trace);
        assertFalse(trace.contains("org.funcfabric.worker"), trace);
    }

    @Test
    void constructorExceptionFailsWithItsStackTrace() throws IOException {
        String broken = compiled("demo.Broken", """
                package demo;
                public class Broken implements java.util.function.Function<String, String> {
                    public Broken() { throw new IllegalStateException("no configuration"); }
                    public String apply(String s) { return s; }
                }
                """);
        String trace = failure(run(broken, JavaTaskPayload.single("\"x\"")));
        assertTrue(trace.startsWith("java.lang.IllegalStateException: no configuration\n\tat demo.Broken.<init>("),
                trace);
    }

    @Test
    void inputThatDoesNotFitTheTypeFailsClearly() throws IOException {
        assertTrue(failure(run(example("Square"), JavaTaskPayload.single("\"seven\"")))
                .startsWith("TypeError: the input does not fit java.lang.Integer: "));
        assertTrue(failure(run(example("Square"), JavaTaskPayload.map("[1, {}]")))
                .startsWith("input #1 of 2: TypeError: the input does not fit java.lang.Integer: "));
    }

    @Test
    void classThatIsNotInTheJarOrNotAFunctionFailsWithOneLine() throws IOException {
        Path jar = Jars.compile(dir, "shapes.jar", Map.of(
                "demo.NotAFunction", "package demo; public class NotAFunction { }",
                "demo.NoDefaultConstructor", """
                        package demo;
                        public class NoDefaultConstructor implements java.util.function.Function<String, String> {
                            public NoDefaultConstructor(int x) { }
                            public String apply(String s) { return s; }
                        }
                        """,
                "demo.Abstract", """
                        package demo;
                        public abstract class Abstract implements java.util.function.Function<String, String> {
                        }
                        """,
                "demo.Hidden", """
                        package demo;
                        class Hidden implements java.util.function.Function<String, String> {
                            public String apply(String s) { return s; }
                        }
                        """));
        Map<String, String> expected = Map.of(
                "demo.Missing", "ClassNotFoundException: demo.Missing is not in the function's jar",
                "java.lang.String", "ClassNotFoundException: java.lang.String is not in the function's jar",
                "demo.NotAFunction", "TypeError: demo.NotAFunction does not implement java.util.function.Function",
                "demo.NoDefaultConstructor", "TypeError: demo.NoDefaultConstructor has no public no-argument constructor",
                "demo.Abstract", "TypeError: demo.Abstract is abstract; name a concrete class",
                "demo.Hidden", "TypeError: demo.Hidden is not public");
        for (var e : expected.entrySet()) {
            assertEquals(e.getValue(), failure(run(Jars.function(e.getKey(), jar), JavaTaskPayload.single("\"x\""))));
        }
    }

    @Test
    void argumentsMustBeJson() throws IOException {
        String dill = Buffers.payload("00\ngASVBQAAAAAAAAAphZQu\n", Buffers.json("{}"));
        assertTrue(failure(run(example("Square"), dill)).startsWith(
                "TypeError: the positional arguments are serialized with header '00'; Java functions take JSON arguments"));

        String combined = Buffers.payload("13\n" + SerializedBuffers.pack(Buffers.json("[6]"), "00\nAAAA\n"),
                Buffers.json("{}"));
        assertEquals(TaskOutcome.success("11\n36"), run(example("Square"), combined));
    }

    @Test
    void payloadMustHoldOneInputOrAMap() throws IOException {
        String square = example("Square");
        assertEquals("TypeError: a Java function takes exactly one argument, got 2",
                failure(run(square, Buffers.jsonPayload("[1, 2]", "{}"))));
        assertEquals("TypeError: the argument of a map must be a JSON array of inputs, got NUMBER",
                failure(run(square, Buffers.jsonPayload("[1]", "{\"map\": true}"))));
        assertEquals("TypeError: Java functions take no keyword argument but \"map\", got \"x\"",
                failure(run(square, Buffers.jsonPayload("[1]", "{\"x\": 1}"))));
    }

    @Test
    void resultsAreJsonOnly() throws IOException {
        String square = example("Square");
        assertEquals(TaskOutcome.success("11\n4"), run(square, JavaTaskPayload.single("2"),
                "globus_compute_sdk.serialize.DillDataBase64", JSON_RESULT));
        assertEquals(TaskOutcome.success("11\n4"), run(square, JavaTaskPayload.single("2"),
                "globus_compute_sdk.serialize.AllDataStrategies"));
        assertTrue(failure(run(square, JavaTaskPayload.single("2"), "globus_compute_sdk.serialize.DillDataBase64"))
                .startsWith("SerializationError: Java functions return JSON results only"));
    }

    @Test
    void sameClassNameInTwoJarsDoesNotMix() throws IOException {
        String helper = "package demo; public class Helper { public static String jar() { return \"%s\"; } }";
        String which = """
                package demo;
                public class Which implements java.util.function.Function<String, String> {
                    public String apply(String s) { return Helper.jar(); }
                }
                """;
        String a = Jars.function("demo.Which", Jars.compile(dir, "a.jar",
                Map.of("demo.Which", which, "demo.Helper", helper.formatted("a"))));
        String b = Jars.function("demo.Which", Jars.compile(dir, "b.jar",
                Map.of("demo.Which", which, "demo.Helper", helper.formatted("b"))));

        assertEquals(TaskOutcome.success("11\n\"a\""), run(a, JavaTaskPayload.single("\"\"")));
        assertEquals(TaskOutcome.success("11\n\"b\""), run(b, JavaTaskPayload.single("\"\"")));
        assertEquals(TaskOutcome.success("11\n\"a\""), run(a, JavaTaskPayload.single("\"\"")));
    }

    @Test
    void functionSeesThePlatformAndItsJarButNotTheWorker() throws IOException {
        String probe = compiled("demo.Probe", """
                package demo;
                public class Probe implements java.util.function.Function<String, String> {
                    public String apply(String name) {
                        if (name.equals("context class loader")) {
                            return Thread.currentThread().getContextClassLoader() == Probe.class.getClassLoader()
                                    ? "the function's" : "another";
                        }
                        try {
                            Class.forName(name);
                            return "visible";
                        } catch (ClassNotFoundException e) {
                            return "invisible";
                        }
                    }
                }
                """);
        List<String> names = List.of("org.funcfabric.worker.Worker", "org.eclipse.yasson.JsonBindingProvider",
                "jakarta.json.bind.Jsonb", "org.funcfabric.examples.Square", "java.util.function.Function",
                "java.sql.Connection", "demo.Probe", "context class loader");
        assertEquals(Json.createArrayBuilder(List.of("invisible", "invisible", "invisible", "invisible", "visible",
                "visible", "visible", "the function's")).build(), result(run(probe, JavaTaskPayload.map(json(names)))));
    }

    @Test
    void jarIsWrittenOnceAndEachSlotKeepsItsInstance() throws IOException {
        Path jar = Jars.compile(dir, "counter.jar", Map.of("demo.Counter", COUNTER));
        String counter = Jars.function("demo.Counter", jar);
        String call = JavaTaskPayload.single("null");

        assertEquals(TaskOutcome.success("11\n\"instance 1 call 1\""), run(counter, call));
        assertEquals(TaskOutcome.success("11\n\"instance 1 call 2\""), run(counter, call));
        JavaExecutor secondSlot = started(new JavaExecutor(functions, "slot-2"));
        assertEquals(TaskOutcome.success("11\n\"instance 2 call 1\""), run(secondSlot, counter, call),
                "another slot has its own instance of the same class");
        assertEquals(TaskOutcome.success("11\n\"instance 2 call 3\""), run(counter, call));

        Path cached = dir.resolve("jar-cache").resolve(JavaFunctionCode.sha256Of(Files.readAllBytes(jar)) + ".jar");
        assertEquals(List.of(cached), cacheFiles(), "one file, named by the SHA-256");
        Object fileKey = Files.readAttributes(cached, BasicFileAttributes.class).fileKey();

        // A restarted worker finds the jar on disk and loads it afresh.
        try (JavaFunctionCache restarted = new JavaFunctionCache(dir.resolve("jar-cache"), 4)) {
            assertEquals(TaskOutcome.success("11\n\"instance 1 call 1\""),
                    run(started(new JavaExecutor(restarted, "slot-1")), counter, call));
        }
        assertEquals(fileKey, Files.readAttributes(cached, BasicFileAttributes.class).fileKey(), "not written again");
        assertEquals(List.of(cached), cacheFiles());
    }

    @Test
    void damagedCachedJarIsWrittenAgain() throws IOException {
        Path jar = Jars.compile(dir, "counter.jar", Map.of("demo.Counter", COUNTER));
        Path cached = dir.resolve("jar-cache").resolve(JavaFunctionCode.sha256Of(Files.readAllBytes(jar)) + ".jar");
        Files.createDirectories(cached.getParent());
        Files.writeString(cached, "not the jar");

        assertTrue(run(Jars.function("demo.Counter", jar), JavaTaskPayload.single("null")).success());
        assertEquals(-1, Files.mismatch(jar, cached));
    }

    @Test
    void leastRecentlyUsedFunctionIsUnloaded() throws IOException {
        try (JavaFunctionCache one = new JavaFunctionCache(dir.resolve("jar-cache"), 1)) {
            JavaExecutor slot = started(new JavaExecutor(one, "slot-1"));
            String counter = compiled("demo.Counter", COUNTER);
            String call = JavaTaskPayload.single("null");
            assertEquals(TaskOutcome.success("11\n\"instance 1 call 1\""), run(slot, counter, call));
            assertEquals(TaskOutcome.success("11\n\"instance 1 call 2\""), run(slot, counter, call));

            assertEquals(TaskOutcome.success("11\n9"), run(slot, example("Square"), JavaTaskPayload.single("3")));

            // A new class loader: the class's static state starts over too.
            assertEquals(TaskOutcome.success("11\n\"instance 1 call 1\""), run(slot, counter, call));
        }
    }

    @Test
    void stopInterruptsARunningFunction() throws Exception {
        String sleepy = compiled("demo.Sleepy", """
                package demo;
                public class Sleepy implements java.util.function.Function<String, String> {
                    public String apply(String marker) {
                        try {
                            java.nio.file.Files.createFile(java.nio.file.Path.of(marker));
                            Thread.sleep(60_000);
                            return "slept";
                        } catch (InterruptedException e) {
                            throw new IllegalStateException("interrupted", e);
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                }
                """);
        Path marker = dir.resolve("running");
        CompletableFuture<TaskOutcome> outcome = CompletableFuture.supplyAsync(
                () -> run(sleepy, JavaTaskPayload.single(Json.createValue(marker.toString()).toString())));
        Wait.until("the function to start", Duration.ofSeconds(10), () -> Files.exists(marker));

        executor.stop();

        String trace = failure(outcome.orTimeout(10, TimeUnit.SECONDS).join());
        assertTrue(trace.startsWith("java.lang.IllegalStateException: interrupted"), trace);
        assertEquals("WorkerStopping: the worker is stopping", failure(run(sleepy, JavaTaskPayload.single("\"x\""))));
    }

    @Test
    void functionWithoutItsDigestIsCheckedAndRuns() throws IOException {
        String withoutDigest = "jv\n" + Json.createObjectBuilder().add("class", SQUARE)
                .add("jar", Base64.getEncoder().encodeToString(Files.readAllBytes(examples))).build();
        assertEquals(TaskOutcome.success("11\n25"), run(withoutDigest, JavaTaskPayload.single("5")));
    }

    @Test
    void malformedFunctionBodyFails() {
        assertTrue(failure(run("jv\n{\"class\": ", JavaTaskPayload.single("1")))
                .startsWith("DeserializationError: malformed Java function: "));
        assertTrue(failure(run("jv\n{\"jar\": \"UEsDBA==\", \"sha256\": \"" + "0".repeat(64) + "\"}",
                JavaTaskPayload.single("1"))).startsWith("DeserializationError: malformed Java function: a Java function"
                + " needs \"class\""));
        String wrongDigest = "jv\n" + Json.createObjectBuilder().add("class", SQUARE).add("jar", "UEsDBA==")
                .add("sha256", "0".repeat(64)).build();
        assertTrue(failure(run(wrongDigest, JavaTaskPayload.single("1")))
                .startsWith("DeserializationError: malformed Java function: \"sha256\" does not match the jar"));
    }

    private List<Path> cacheFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("jar-cache"))) {
            return files.toList();
        }
    }
}
