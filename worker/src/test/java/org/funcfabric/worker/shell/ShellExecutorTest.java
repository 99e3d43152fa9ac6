package org.funcfabric.worker.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.funcfabric.worker.task.TaskInput;
import org.funcfabric.worker.task.TaskOutcome;
import org.funcfabric.worker.testsupport.Buffers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellExecutorTest {
    private final ShellExecutor shell = new ShellExecutor();

    @BeforeEach
    void start() {
        shell.start();
    }

    @AfterEach
    void stop() {
        shell.stop();
    }

    private TaskOutcome run(String functionJson, String payload) {
        return shell.execute(new TaskInput("t1", Buffers.shell(functionJson), payload, List.of(), 10_000_000));
    }

    private static JsonObject result(TaskOutcome outcome) {
        assertTrue(outcome.success(), () -> "expected success, got " + outcome.exception());
        assertTrue(outcome.result().startsWith("11\n"), outcome.result());
        try (var reader = Json.createReader(new StringReader(outcome.result().substring(3)))) {
            return reader.readObject();
        }
    }

    @Test
    void capturesStdoutStderrAndTheFilledCommand() {
        JsonObject r = result(run("{\"cmd\": \"echo out {name}; echo err >&2\", \"walltime\": 5}",
                Buffers.jsonPayload("[]", "{\"name\": \"world\"}")));
        assertEquals(0, r.getInt("returncode"));
        assertEquals("out world\n", r.getString("stdout"));
        assertEquals("err\n", r.getString("stderr"));
        assertEquals("echo out 'world'; echo err >&2", r.getString("cmd"));
    }

    @Test
    void hostileArgumentIsPassedLiterallyNotExecuted(@TempDir Path dir) {
        Path marker = dir.resolve("injected");
        String hostile = "a b'; touch " + marker + "; echo \"$HOME\" '`x`";
        String args = Json.createArrayBuilder().add(hostile).build().toString();
        JsonObject r = result(run("{\"cmd\": \"printf '%s' {0}\"}", Buffers.jsonPayload(args, "{}")));
        assertEquals(hostile, r.getString("stdout"));
        assertFalse(Files.exists(marker), "the argument was executed");
    }

    @Test
    void hostileArgumentsInsideQuotesArePrintedLiterally(@TempDir Path dir) {
        Path marker = dir.resolve("injected");
        String hostile = "\"'$(touch " + marker + ")`touch " + marker + "`\\ $HOME *";
        String kwargs = Json.createObjectBuilder().add("x", hostile).build().toString();
        for (String cmd : List.of("printf %s \"{x}\"", "printf %s '{x}'", "printf %s \"<{x}>\"", "printf %s '<{x}>'")) {
            JsonObject r = result(run(Json.createObjectBuilder().add("cmd", cmd).build().toString(),
                    Buffers.jsonPayload("[]", kwargs)));
            String expected = cmd.contains("<") ? "<" + hostile + ">" : hostile;
            assertEquals(expected, r.getString("stdout"), r.getString("cmd"));
        }
        assertFalse(Files.exists(marker), "the argument was executed");
    }

    @Test
    void templateWithAPlaceholderInsideCommandSubstitutionFailsWithoutRunning(@TempDir Path dir) {
        Path marker = dir.resolve("ran");
        TaskOutcome outcome = run("{\"cmd\": \"touch " + marker + "; echo $(cat {x})\"}",
                Buffers.jsonPayload("[]", "{\"x\": \"f\"}"));
        assertFalse(outcome.success());
        assertTrue(outcome.exception().startsWith("ValueError: shell template refused: placeholder {x} sits inside $(…)"),
                outcome.exception());
        assertFalse(Files.exists(marker), "a refused template must not run");
    }

    @Test
    void positionalAutoNumberedAndLiteralBracesFillAsInStrFormat() {
        JsonObject r = result(run("{\"cmd\": \"echo {} {} {1} {{x}} {k}\"}",
                Buffers.jsonPayload("[\"a\", \"b\"]", "{\"k\": \"v\"}")));
        assertEquals("echo 'a' 'b' 'b' {x} 'v'", r.getString("cmd"));
    }

    @Test
    void nonStringValuesBecomeCompactJson() {
        JsonObject r = result(run("{\"cmd\": \"printf '%s|' {0} {1} {2} {3}\"}",
                Buffers.jsonPayload("[true, null, {\"a\": 1, \"b\": [true]}, 1.5]", "{}")));
        assertEquals("true|null|{\"a\":1,\"b\":[true]}|1.5|", r.getString("stdout"));
    }

    @Test
    void missingPositionalArgumentIsAKeyError() {
        TaskOutcome outcome = run("{\"cmd\": \"echo {1}\"}", Buffers.jsonPayload("[\"x\"]", "{}"));
        assertEquals("KeyError: missing argument '1' for shell template", outcome.exception());
    }

    @Test
    void nonZeroReturnCodeIsStillASuccessfulTask() {
        JsonObject r = result(run("{\"cmd\": \"echo partial; exit 3\", \"walltime\": null}", Buffers.jsonPayload("[]", "{}")));
        assertEquals(3, r.getInt("returncode"));
        assertEquals("partial\n", r.getString("stdout"));
    }

    @Test
    void walltimeKillsTheCommandAndItsChildrenWith124() {
        long start = System.nanoTime();
        // The background sleep keeps the output pipe open; only killing the whole group ends the task promptly.
        JsonObject r = result(run("{\"cmd\": \"echo started; sleep 30 & sleep 30\", \"walltime\": 1}",
                Buffers.jsonPayload("[]", "{}")));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(ShellExecutor.WALLTIME_RETURN_CODE, r.getInt("returncode"));
        assertEquals("started\n", r.getString("stdout"));
        assertTrue(seconds >= 0.9 && seconds < 2.0, "took " + seconds + " s for a 1 s walltime");
    }

    @Test
    void missingArgumentFailsTheTask() {
        TaskOutcome outcome = run("{\"cmd\": \"echo {name}\"}", Buffers.jsonPayload("[]", "{}"));
        assertFalse(outcome.success());
        assertEquals("KeyError: missing argument 'name' for shell template", outcome.exception());
    }

    @Test
    void dillArgumentsAreRefusedWithAHint() {
        TaskOutcome outcome = run("{\"cmd\": \"echo {0}\"}", Buffers.payload("00\ngASVBQAAAAAAAAAphZQu\n", Buffers.json("{}")));
        assertFalse(outcome.success());
        assertTrue(outcome.exception().contains("shell functions take JSON arguments"), outcome.exception());
    }

    @Test
    void combinationArgumentsUseTheirJsonEncoding() {
        String args = "13\n" + org.funcfabric.protocol.SerializedBuffers.pack(Buffers.json("[\"x\"]"), "00\nAAAA\n");
        JsonObject r = result(run("{\"cmd\": \"echo {0}\"}", Buffers.payload(args, Buffers.json("{}"))));
        assertEquals("x\n", r.getString("stdout"));
    }

    @Test
    void outputBeyondTheCapKeepsItsTail() {
        // 3 MiB of 'a' then a last line: the head is dropped, the tail and a note remain.
        JsonObject r = result(run("{\"cmd\": \"yes a | head -c 3145728; echo THE-END\"}",
                Buffers.jsonPayload("[]", "{}")));
        String stdout = r.getString("stdout");
        assertTrue(stdout.endsWith("THE-END\n"), () -> stdout.substring(stdout.length() - 40));
        assertTrue(stdout.startsWith("[funcfabric: "), () -> stdout.substring(0, 40));
        assertTrue(stdout.length() < ShellExecutor.OUTPUT_CAP_BYTES + 100);
    }

    @Test
    void malformedFunctionBodyFails() {
        TaskOutcome outcome = run("{\"command\": \"echo\"}", Buffers.jsonPayload("[]", "{}"));
        assertFalse(outcome.success());
        assertTrue(outcome.exception().startsWith("ValueError: malformed shell function"), outcome.exception());
    }
}
