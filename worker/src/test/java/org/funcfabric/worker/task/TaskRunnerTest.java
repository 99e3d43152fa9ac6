package org.funcfabric.worker.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.funcfabric.protocol.JavaTaskPayload;
import org.funcfabric.protocol.SerializedBuffers;
import org.funcfabric.protocol.TaskMessage;
import org.funcfabric.worker.java.JavaExecutor;
import org.funcfabric.worker.java.JavaFunctionCache;
import org.funcfabric.worker.python.PythonExecutor;
import org.funcfabric.worker.python.PythonRuntime;
import org.funcfabric.worker.shell.ShellExecutor;
import org.funcfabric.worker.testsupport.Buffers;
import org.funcfabric.worker.testsupport.Jars;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskRunnerTest {
    @TempDir
    static Path dir;
    private static JavaFunctionCache functions;
    private static TaskRunner runner;

    @BeforeAll
    static void start() throws Exception {
        functions = new JavaFunctionCache(dir.resolve("jar-cache"), JavaFunctionCache.DEFAULT_CAPACITY);
        runner = new TaskRunner(new ShellExecutor(), new PythonExecutor(PythonRuntime.locate(null), "runner-test"),
                new JavaExecutor(functions, "runner-test"));
        runner.start();
    }

    @AfterAll
    static void stop() {
        runner.stop();
        functions.close();
    }

    private static TaskMessage task(String functionCode, String payload, long maxResultBytes) {
        return new TaskMessage(TaskMessage.VERSION, "t-1", "g-1", "ep-1", "f-1", functionCode, payload, List.of(),
                maxResultBytes, System.currentTimeMillis(), 1, 0, 0, List.of(), null);
    }

    @Test
    void routesPackedAndBareShellFunctions() {
        String echo = Buffers.shell("{\"cmd\": \"echo {0}\"}");
        String payload = Buffers.jsonPayload("[\"hi\"]", "{}");
        TaskOutcome packed = runner.run(task(SerializedBuffers.pack(echo), payload, 0));
        TaskOutcome bare = runner.run(task(echo, payload, 0));
        assertTrue(packed.success(), packed::exception);
        assertTrue(packed.result().contains("\"stdout\":\"hi\\n\""), packed.result());
        assertEquals(packed, bare);
    }

    @Test
    void routesPythonFunctions() {
        TaskOutcome outcome = runner.run(new TaskMessage(TaskMessage.VERSION, "t-2", "g-1", "ep-1", "f-1",
                SerializedBuffers.pack(Buffers.pureSource("neg", "def neg(x):\n    return -x\n")),
                Buffers.jsonPayload("[5]", "{}"), List.of("globus_compute_sdk.serialize.JSONData"), 0, 0, 1, 0, 0, List.of(), null));
        assertEquals(TaskOutcome.success("11\n-5"), outcome);
    }

    @Test
    void routesJavaFunctions() throws Exception {
        TaskOutcome outcome = runner.run(task(SerializedBuffers.pack(Jars.function("org.funcfabric.examples.Square",
                Jars.examples(dir))), JavaTaskPayload.single("12"), 0));
        assertEquals(TaskOutcome.success("11\n144"), outcome);
    }

    @Test
    void javaResultOverTheLimitFails() throws Exception {
        String words = "[" + "\"lorem ipsum dolor sit amet\",".repeat(200) + "\"end\"]";
        TaskOutcome outcome = runner.run(task(Jars.function("org.funcfabric.examples.WordCount",
                Jars.examples(dir)), JavaTaskPayload.map(words), 1000));
        assertFalse(outcome.success());
        assertTrue(outcome.exception().matches(
                "MaxResultSizeExceeded: result of \\d+ bytes exceeds the limit of 1000 bytes"), outcome.exception());
    }

    @Test
    void unknownHeaderFailsClearly() {
        TaskOutcome outcome = runner.run(task(SerializedBuffers.pack("zz\nwhatever"), "", 0));
        assertFalse(outcome.success());
        assertTrue(outcome.exception().contains("unknown function header 'zz'"), outcome.exception());
    }

    @Test
    void malformedFunctionCodeFails() {
        TaskOutcome outcome = runner.run(task("sh", "", 0));
        assertFalse(outcome.success());
        assertTrue(outcome.exception().startsWith("DeserializationError: malformed function code"), outcome.exception());
    }

    @Test
    void shellResultOverTheLimitFails() {
        TaskOutcome outcome = runner.run(task(Buffers.shell("{\"cmd\": \"yes | head -c 4000\"}"),
                Buffers.jsonPayload("[]", "{}"), 1000));
        assertFalse(outcome.success());
        assertTrue(outcome.exception().matches(
                "MaxResultSizeExceeded: result of \\d+ bytes exceeds the limit of 1000 bytes"), outcome.exception());
    }
}
