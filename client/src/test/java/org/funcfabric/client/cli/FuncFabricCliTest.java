package org.funcfabric.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's parsing and its refusals that need no service. */
class FuncFabricCliTest {
    @TempDir
    Path home;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String stdin, String... args) {
        return FuncFabricCli.execute(args, Map.of("HOME", home.toString()),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), false,
                new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void helpListsTheCommandsAndTheExitCodes() {
        assertEquals(ExitCodes.OK, run("", "--help"));

        String help = out.toString();
        for (String command : new String[] {"login", "function", "endpoint", "run", "submit", "result", "watch"}) {
            assertTrue(help.contains("  " + command + " "), () -> command + " missing from " + help);
        }
        assertTrue(help.contains("Exit codes:") && help.contains("  3   the service refused"), help);
    }

    @Test
    void unknownOptionsAndMissingArgumentsAreUsageErrors() {
        assertEquals(ExitCodes.USAGE, run("", "run", "fn"));
        assertTrue(err.toString().contains("Missing required option: '--endpoint=ENDPOINT'"), err::toString);
        assertEquals(ExitCodes.USAGE, run("", "function", "register", "--shell", "echo", "--python", "f.py:f"));
        assertEquals(ExitCodes.USAGE, run("", "watch", "--no-such-option", "g"));
    }

    @Test
    void withoutLoginAServiceCommandSaysHowToLogIn() {
        assertEquals(ExitCodes.USAGE, run("", "function", "list"));

        assertTrue(err.toString().contains("not logged in: run `funcfabric login --token FILE`"), err::toString);
    }

    @Test
    void failuresAreJsonOnStderrWithJson() {
        assertEquals(ExitCodes.USAGE, run("", "--json", "endpoint", "list"));

        assertTrue(err.toString().startsWith("{\"code\":\"USAGE\",\"exit_code\":2,\"message\":\"not logged in"),
                err::toString);
    }

    @Test
    void loginRefusesAnEmptyTokenAndStoresNothing() {
        assertEquals(ExitCodes.USAGE, run("  \n", "login", "--token", "-", "--no-verify"));

        assertTrue(Files.notExists(home.resolve(".config/funcfabric/config.json")));
    }

    @Test
    void loginWithoutVerifyStoresTheTokenFromStandardInput() throws Exception {
        // {"sub":"ada"} as a JWT payload; header and signature are not looked at.
        String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZGEifQ.c2ln";

        assertEquals(ExitCodes.OK, run(jwt + "\n", "login", "--token", "-", "--no-verify",
                "--service", "http://127.0.0.1:9"));

        assertTrue(out.toString().startsWith("logged in to http://127.0.0.1:9 as ada; saved in "), out::toString);
        CliConfig stored = CliConfig.load(home.resolve(".config/funcfabric/config.json"));
        assertEquals(new CliConfig("http://127.0.0.1:9", jwt), stored);
    }

    @Test
    void anUnreachableServiceExitsFour() throws Exception {
        new CliConfig("http://127.0.0.1:9", "a.b.c").save(home.resolve(".config/funcfabric/config.json"));

        assertEquals(ExitCodes.UNAVAILABLE, run("", "function", "list"));
        assertTrue(err.toString().startsWith("funcfabric: cannot reach FuncFabric at http://127.0.0.1:9"), err::toString);
    }
}
