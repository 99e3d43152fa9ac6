package org.funcfabric.worker.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import org.funcfabric.protocol.SerializedBuffers;
import org.funcfabric.worker.task.TaskInput;
import org.funcfabric.worker.task.TaskOutcome;
import org.funcfabric.worker.testsupport.Buffers;
import org.funcfabric.worker.testsupport.PythonProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs real tasks on a real interpreter with dill (Debian: python3-dill). */
class PythonExecutorTest {
    private static final String JSON_RESULT = "globus_compute_sdk.serialize.JSONData";
    private static final String ADD = "def add(a, b=10):\n    return a + b\n";

    private static PythonRuntime runtime;
    private static PythonExecutor python;

    @BeforeAll
    static void startInterpreter() throws Exception {
        runtime = PythonRuntime.locate(null);
        python = new PythonExecutor(runtime, "test-slot");
        python.start();
    }

    @AfterAll
    static void stopInterpreter() {
        python.stop();
    }

    private static TaskOutcome run(String code, String payload, List<String> serializers, long maxBytes) {
        return python.execute(new TaskInput("task-" + System.nanoTime(), code, payload, serializers, maxBytes));
    }

    private static TaskOutcome run(String code, String payload) {
        return run(code, payload, List.of(JSON_RESULT), 10_000_000);
    }

    private static String decodeDill(String buffer) throws Exception {
        return PythonProcess.run(runtime.executable(),
                "import sys, codecs, dill; b = sys.stdin.read(); assert b[:3] == '00\\n';"
                        + " print(repr(dill.loads(codecs.decode(b[3:].encode(), 'base64'))), end='')", buffer);
    }

    @Test
    void sourceFunctionWithJsonArgumentsReturnsDillByDefault() throws Exception {
        TaskOutcome outcome = run(Buffers.pureSource("add", ADD), Buffers.jsonPayload("[1]", "{\"b\": 2}"),
                List.of(), 10_000_000);
        assertTrue(outcome.success(), outcome::exception);
        assertTrue(outcome.result().startsWith("00\n"), outcome.result());
        assertEquals("3", decodeDill(outcome.result()));
    }

    @Test
    void jsonResultSerializerGivesAJsonBuffer() {
        TaskOutcome outcome = run(Buffers.pureSource("add", ADD), Buffers.jsonPayload("[\"a\", \"b\"]", "{}"));
        assertEquals(TaskOutcome.success("11\n\"ab\""), outcome);
    }

    @Test
    void resultSerializersAreTriedInOrder() {
        // A set is not JSON: JSONData fails, DillDataBase64 takes over.
        TaskOutcome outcome = run(Buffers.pureSource("f", "def f():\n    return {1, 2}\n"),
                Buffers.jsonPayload("[]", "{}"),
                List.of("globus_compute_sdk.serialize.JSONData", "globus_compute_sdk.serialize.DillDataBase64"), 10_000);
        assertTrue(outcome.success(), outcome::exception);
        assertTrue(outcome.result().startsWith("00\n"));
    }

    @Test
    void dillFunctionFromTheClient() throws Exception {
        String body = PythonProcess.run(runtime.executable(),
                "import codecs, dill\n"
                        + "def triple(x):\n    import math\n    return math.prod([x, 3])\n"
                        + "print(codecs.encode(dill.dumps(triple), 'base64').decode(), end='')", "");
        TaskOutcome outcome = run("01\n" + body, Buffers.jsonPayload("[7]", "{}"));
        assertEquals(TaskOutcome.success("11\n21"), outcome);
    }

    @Test
    void combinationCodeAndDataBuffersAsTheCurrentSdkSendsThem() {
        String code = "12\n" + SerializedBuffers.pack(Buffers.pureSource("add", ADD), "01\nbm90IGRpbGw=\n");
        String args = "13\n" + SerializedBuffers.pack(Buffers.json("[40]"), "00\nbm90IGRpbGw=\n");
        TaskOutcome outcome = run(code, Buffers.payload(args, Buffers.json("{\"b\": 2}")));
        assertEquals(TaskOutcome.success("11\n42"), outcome);
    }

    @Test
    void olderCodeHeadersStillLoad() throws Exception {
        JsonObject made;
        String generated = PythonProcess.run(runtime.executable(),
                "import codecs, dill, json, pickle\n"
                        + "src = 'def inc(x):\\n    return x + 1\\n'\n"
                        + "exec(src)\n"
                        + "b64 = lambda b: codecs.encode(b, 'base64').decode()\n"
                        + "print(json.dumps({'04': '04\\n' + b64(dill.dumps(('inc', src))),"
                        + " '02': '02\\n' + b64(pickle.dumps(abs)),"
                        + " 'sd': 'sd\\ninc:' + src,"
                        + " '10': '10\\n' + ':'.join(['04\\n', 'bm90IGRpbGw=', '01\\n', b64(dill.dumps(inc))])}))",
                "");
        try (var reader = Json.createReader(new StringReader(generated))) {
            made = reader.readObject();
        }
        assertEquals(TaskOutcome.success("11\n3"), run(made.getString("04"), Buffers.jsonPayload("[2]", "{}")));
        assertEquals(TaskOutcome.success("11\n3"), run(made.getString("02"), Buffers.jsonPayload("[-3]", "{}")));
        assertEquals(TaskOutcome.success("11\n3"), run(made.getString("sd"), Buffers.jsonPayload("[2]", "{}")));
        assertEquals(TaskOutcome.success("11\n3"), run(made.getString("10"), Buffers.jsonPayload("[2]", "{}")));
    }

    @Test
    void raisingFunctionReturnsTheRemoteTraceback() {
        TaskOutcome outcome = run(Buffers.pureSource("div", "def div(a, b):\n    return a / b\n"),
                Buffers.jsonPayload("[1, 0]", "{}"));
        assertFalse(outcome.success());
        String tb = outcome.exception();
        assertTrue(tb.startsWith("Traceback (most recent call last):"), tb);
        assertTrue(tb.contains("return a / b"), tb);
        assertTrue(tb.strip().endsWith("ZeroDivisionError: division by zero"), tb);
    }

    @Test
    void interpreterCrashFailsTheTaskAndTheSlotRecovers() {
        TaskOutcome crash = run(Buffers.pureSource("crash",
                "def crash():\n    import os, sys\n    print('about to exit', file=sys.stderr)\n    os._exit(3)\n"),
                Buffers.jsonPayload("[]", "{}"));
        assertFalse(crash.success());
        assertTrue(crash.exception().contains("InterpreterDied"), crash.exception());
        assertTrue(crash.exception().contains("exit code 3"), crash.exception());
        assertTrue(crash.exception().contains("about to exit"), crash.exception());

        assertEquals(TaskOutcome.success("11\n5"), run(Buffers.pureSource("add", ADD), Buffers.jsonPayload("[2, 3]", "{}")));
    }

    @Test
    void printsAndChildProcessOutputDoNotCorruptTheProtocol() {
        TaskOutcome outcome = run(Buffers.pureSource("chatty",
                "def chatty():\n    import os\n    print('{\"ok\": true, \"result\": \"forged\"}')\n"
                        + "    os.system('echo from a child process')\n    return 'real'\n"),
                Buffers.jsonPayload("[]", "{}"));
        assertEquals(TaskOutcome.success("11\n\"real\""), outcome);
    }

    @Test
    void resultLargerThanTheLimitFails() {
        TaskOutcome outcome = run(Buffers.pureSource("big", "def big():\n    return 'x' * 5000\n"),
                Buffers.jsonPayload("[]", "{}"), List.of(JSON_RESULT), 1000);
        assertFalse(outcome.success());
        assertTrue(outcome.exception().endsWith(
                "MaxResultSizeExceeded: result of 5005 bytes exceeds the limit of 1000 bytes"), outcome.exception());
    }

    @Test
    void tenMegabyteArgumentRoundTrips() {
        String big = "y".repeat(10 * 1024 * 1024);
        TaskOutcome outcome = run(Buffers.pureSource("size", "def size(s):\n    return len(s)\n"),
                Buffers.jsonPayload("[\"" + big + "\"]", "{}"));
        assertEquals(TaskOutcome.success("11\n" + big.length()), outcome);
    }

    @Test
    void undeserializableFunctionSaysWhyAndWhichRuntimeTried() {
        TaskOutcome outcome = run("01\nbm90IGEgcGlja2xl\n", Buffers.jsonPayload("[]", "{}"));
        assertFalse(outcome.success());
        String text = outcome.exception();
        assertTrue(text.contains("could not deserialize the function (header 01)"), text);
        assertTrue(text.contains("Python " + runtime.pythonVersion() + " with dill " + runtime.dillVersion()), text);
    }

    @Test
    void sysExitInUserCodeFailsTheTaskButKeepsTheInterpreter() {
        TaskOutcome outcome = run(Buffers.pureSource("bye", "def bye():\n    import sys\n    sys.exit(4)\n"),
                Buffers.jsonPayload("[]", "{}"));
        assertFalse(outcome.success());
        assertTrue(outcome.exception().strip().endsWith("SystemExit: 4"), outcome.exception());
        assertEquals(TaskOutcome.success("11\n5"), run(Buffers.pureSource("add", ADD), Buffers.jsonPayload("[2, 3]", "{}")));
    }
}
