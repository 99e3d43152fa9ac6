package org.funcfabric.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cmd = Main.commandLine();
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    @Test
    void unknownOptionIsOneLineAndExitCode2() {
        assertEquals(2, run("--no-such-option"));
        assertEquals("worker: Unknown option: '--no-such-option' (see --help)", err.toString().strip());
    }

    @Test
    void badNumberIsOneLineAndExitCode2() {
        assertEquals(2, run("--slots", "many"));
        assertEquals(1, err.toString().strip().lines().count(), err::toString);
    }

    @Test
    void missingBrokerUrlSaysWhatToSet() {
        assumeTrue(System.getenv("FABRIC_BROKER_URL") == null, "FABRIC_BROKER_URL is set in this environment");
        assertEquals(2, run("--endpoint-id", "ep-1"));
        assertEquals("worker: missing broker URL: set --broker-url or FABRIC_BROKER_URL", err.toString().strip());
    }

    @Test
    void zeroSlotsIsRefused() {
        assertEquals(2, run("--broker-url", "tcp://127.0.0.1:1", "--endpoint-id", "ep-1", "--slots", "0"));
        assertEquals("worker: --slots must be at least 1, got 0", err.toString().strip());
    }

    @Test
    void allowedFunctionThatIsNotAUuidSaysWhatToFix() {
        assertEquals(2, run("--broker-url", "tcp://127.0.0.1:1", "--endpoint-id", "ep-1",
                "--allowed-function", "0b6a3c1e-5f7d-4d8e-9a0b-1c2d3e4f5a6b", "--allowed-function", "fn-1,fn-2"));
        assertEquals("worker: --allowed-function 'fn-1' is not a function UUID: fix --allowed-function or"
                + " FABRIC_ALLOWED_FUNCTIONS", err.toString().strip());
    }
}
