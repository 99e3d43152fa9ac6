package org.funcfabric.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

class FuncFabricCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = FuncFabricCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void noArgumentsPrintsUsage() {
        assertEquals(0, run());
        assertTrue(out.toString().contains("up"), out.toString());
        assertTrue(out.toString().contains("token"));
    }

    @Test
    void upHelpListsEveryKnob() {
        assertEquals(0, run("up", "--help"));
        for (var k : org.funcfabric.launcher.config.Knob.values()) {
            assertTrue(out.toString().contains(k.name()), k.name());
        }
    }

    @Test
    void badTtlIsOneLineAndExitCode2() {
        assertEquals(2, run("token", "--sub", "alice", "--ttl", "soon"));
        assertEquals("--ttl soon is not a duration: use e.g. 90s, 15m, 1h or 30d", err.toString().strip());
    }

    @Test
    void tokenNeedsASubject() {
        assertEquals(2, run("token"));
        assertTrue(err.toString().contains("--sub"));
    }
}
