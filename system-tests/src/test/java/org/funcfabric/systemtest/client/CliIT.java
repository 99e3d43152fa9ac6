package org.funcfabric.systemtest.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.funcfabric.client.FuncFabricClient;
import org.funcfabric.client.model.EndpointRegistration;
import org.funcfabric.examples.Square;
import org.funcfabric.systemtest.client.CliProcess.Result;
import org.funcfabric.systemtest.support.FabricStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * The {@code funcfabric} command line end to end: its jar run as a process (no terminal, so
 * {@code watch} prints plain lines) against the real stack, logged in through {@code login}, with
 * every command's plain and {@code --json} output and its exit code.
 */
class CliIT {
    @RegisterExtension
    static final FabricStack STACK = FabricStack.withSlots(2);

    private static final Pattern UUID_LINE = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\n");
    private static final Pattern PROGRESS_LINE = Pattern.compile(
            "\\d+/\\d+ done \\(\\d+%\\): \\d+ failed, \\d+ pending; \\d+\\.\\d tasks/s, ETA (--|\\d+:\\d\\d)");

    @TempDir
    static Path home;

    private static CliProcess cli;
    private static Path examplesJar;

    @BeforeAll
    static void logIn() throws IOException, URISyntaxException {
        cli = CliProcess.jar(home);
        Path token = home.resolve("dev.jwt");
        Files.writeString(token, STACK.token() + "\n");
        Result login = cli.run("login", "--token", token.toString(), "--service", STACK.baseUrl().toString());
        assertEquals(0, login.exit(), login::toString);
        examplesJar = Path.of(Square.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test
    void loginKeepsServiceAndTokenForTheUserAloneAndRefusesABadToken() throws IOException {
        Path otherHome = Files.createDirectories(home.resolve("other"));
        CliProcess fresh = CliProcess.jar(otherHome);
        Path config = otherHome.resolve(".config/funcfabric/config.json");

        Result notLoggedIn = fresh.run("function", "list");
        assertEquals(2, notLoggedIn.exit(), notLoggedIn::toString);
        assertTrue(notLoggedIn.err().contains("not logged in"), notLoggedIn::toString);

        Result refused = fresh.runWithInput(STACK.token() + "x", "login", "--token", "-", "--service",
                STACK.baseUrl().toString());
        assertEquals(3, refused.exit(), refused::toString);
        assertTrue(refused.err().contains("INVALID_AUTH_TOKEN"), refused::toString);
        assertFalse(Files.exists(config), "nothing stored for a refused token");

        Result ok = fresh.runWithInput(STACK.token(), "--json", "login", "--token", "-", "--service",
                STACK.baseUrl().toString());
        assertEquals(0, ok.exit(), ok::toString);
        JsonObject loggedIn = json(ok.out()).asJsonObject();
        assertEquals("dev", loggedIn.getString("subject"));
        assertEquals(STACK.baseUrl().toString(), loggedIn.getString("service_url"));
        assertEquals(config.toString(), loggedIn.getString("config_file"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config)));
        assertEquals(0, fresh.run("function", "list").exit(), "logged in now");
    }

    @Test
    void shellFunctionRegisteredListedShownRunAndDeleted() {
        String name = "cli-hello-" + UUID.randomUUID().toString().substring(0, 8);
        Result registered = cli.run("function", "register", "--shell", "echo hello {name}", "--name", name);
        assertEquals(0, registered.exit(), registered::toString);
        assertTrue(UUID_LINE.matcher(registered.out()).matches(), registered::toString);
        String id = registered.out().strip();

        Result list = cli.run("function", "list");
        assertEquals(0, list.exit(), list::toString);
        assertTrue(list.out().lines().anyMatch(l -> l.startsWith(id) && l.contains(name) && l.contains("shell")),
                list::toString);
        assertTrue(json(cli.run("--json", "function", "list").out()).asJsonArray().stream()
                .anyMatch(f -> id.equals(f.asJsonObject().getString("function_uuid"))));
        Result show = cli.run("function", "show", name);
        assertEquals(0, show.exit(), show::toString);
        assertTrue(show.out().contains("kind:        shell (sh)") && show.out().contains("echo hello {name}"),
                show::toString);
        assertEquals(name, json(cli.run("--json", "function", "show", id).out()).asJsonObject()
                .getString("function_name"));

        Result run = cli.run("run", name, "--endpoint", STACK.endpointId(), "--arg", "name=you and me");
        assertEquals(0, run.exit(), run::toString);
        assertEquals("hello you and me\n", run.out());
        Result runJson = cli.run("--json", "run", id, "-e", STACK.endpointId(), "--arg", "name=json");
        assertEquals(0, runJson.exit(), runJson::toString);
        JsonObject task = json(runJson.out()).asJsonObject();
        assertEquals("success", task.getString("status"));
        assertEquals("hello json\n", task.getJsonObject("result").getString("stdout"));

        Result deleted = cli.run("function", "delete", id);
        assertEquals(0, deleted.exit(), deleted::toString);
        Result gone = cli.run("function", "show", id);
        assertEquals(3, gone.exit(), gone::toString);
        assertTrue(gone.err().contains("FUNCTION_NOT_FOUND"), gone::toString);
        Result goneJson = cli.run("--json", "function", "show", id);
        assertEquals("FUNCTION_NOT_FOUND", json(goneJson.err()).asJsonObject().getString("code"));
    }

    @Test
    void shellCommandExitingNonZeroOrOutlivingTheTimeout() {
        String failing = register("--shell", "echo oops >&2; exit {code}");
        Result run = cli.run("run", failing, "-e", STACK.endpointId(), "--arg", "code=3");
        assertEquals(1, run.exit(), run::toString);
        assertEquals("oops\n", run.err());

        String slow = register("--shell", "sleep 20", "--walltime", "60");
        Result timedOut = cli.run("run", slow, "-e", STACK.endpointId(), "--timeout", "1");
        assertEquals(5, timedOut.exit(), timedOut::toString);
        assertTrue(timedOut.err().contains("has not ended yet; ask later with: funcfabric result "), timedOut::toString);
    }

    @Test
    void javaFunctionsFromTheExamplesJar() {
        String square = register("--java", examplesJar.toString(), "org.funcfabric.examples.Square");
        Result run = cli.run("run", square, "-e", STACK.endpointId(), "--input", "12");
        assertEquals(0, run.exit(), run::toString);
        assertEquals("144\n", run.out());
        Result show = cli.run("function", "show", square);
        assertTrue(show.out().contains("kind:        java (jv)")
                && show.out().contains("class org.funcfabric.examples.Square in a jar of"), show::toString);

        String fail = register("--java", examplesJar.toString(), "org.funcfabric.examples.Fail");
        Result failed = cli.run("run", fail, "-e", STACK.endpointId(), "--input", "x");
        assertEquals(1, failed.exit(), failed::toString);
        assertTrue(failed.err().contains("refusing 'x'"), failed::toString);

        Result twoInputs = cli.run("run", square, "-e", STACK.endpointId(), "--input", "1", "--input", "2");
        assertEquals(2, twoInputs.exit(), twoInputs::toString);
    }

    @Test
    void pythonFunctionFromASourceFile() throws IOException {
        Path source = home.resolve("square.py");
        Files.writeString(source, "def square(x):\n    return x * x\n");
        String id = register("--python", source + ":square");

        Result run = cli.run("run", id, "-e", STACK.endpointId(), "--input", "7");
        assertEquals(0, run.exit(), run::toString);
        assertEquals("49\n", run.out());
    }

    @Test
    void submitFromJsonLinesThenWatchInPlainLinesAndJsonThenResults() throws IOException {
        String slow = register("--shell", "sleep 0.25; echo {n}");
        Path inputs = home.resolve("inputs-" + UUID.randomUUID() + ".jsonl");
        Files.writeString(inputs, IntStream.range(0, 40).mapToObj(i -> "{\"n\": " + i + "}")
                .collect(Collectors.joining("\n", "", "\n\n")));

        Result submitted = cli.run("submit", slow, "-e", STACK.endpointId(), "--inputs", inputs.toString());
        assertEquals(0, submitted.exit(), submitted::toString);
        assertTrue(UUID_LINE.matcher(submitted.out()).matches(), submitted::toString);
        assertTrue(submitted.err().startsWith("40 tasks submitted"), submitted::toString);
        String group = submitted.out().strip();

        Result watched = cli.run("watch", group);
        assertEquals(0, watched.exit(), watched::toString);
        assertFalse(watched.out().contains("\r"), "no terminal, no carriage returns");
        List<String> lines = watched.out().lines().toList();
        assertTrue(lines.get(lines.size() - 1).matches("40 tasks: 40 succeeded, 0 failed in \\d+:\\d\\d"),
                watched::toString);
        List<String> progress = lines.subList(0, lines.size() - 1);
        assertFalse(progress.isEmpty(), () -> "no progress line while 40 tasks of 0.25 s ran on 2 slots: " + watched);
        assertTrue(progress.stream().allMatch(l -> PROGRESS_LINE.matcher(l).matches()), watched::toString);
        System.out.printf("[CliIT] watch printed %d progress lines:%n%s%n", progress.size(), watched.out());

        Result watchedJson = cli.run("--json", "watch", group);
        assertEquals(0, watchedJson.exit(), watchedJson::toString);
        List<String> jsonLines = watchedJson.out().lines().toList();
        JsonObject last = json(jsonLines.get(jsonLines.size() - 1)).asJsonObject();
        assertTrue(last.getBoolean("finished"), last::toString);
        assertEquals(40, last.getInt("succeeded"));
        assertEquals(0, last.getInt("pending"));
        jsonLines.forEach(CliIT::json);

        Result submittedJson = cli.run("--json", "submit", slow, "-e", STACK.endpointId(), "--inputs", inputs.toString(),
                "--group", group, "--batch-size", "15");
        assertEquals(0, submittedJson.exit(), submittedJson::toString);
        JsonObject batch = json(submittedJson.out()).asJsonObject();
        assertEquals(group, batch.getString("task_group_id"));
        List<String> ids = batch.getJsonArray("task_ids").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).toList();
        assertEquals(40, ids.size());
        assertEquals(0, cli.run("watch", group).exit());

        Result results = cli.run(args("result", ids.subList(0, 3)));
        assertEquals(0, results.exit(), results::toString);
        assertEquals(3, results.out().lines().count());
        assertTrue(results.out().startsWith(ids.get(0) + "  success  {") && results.out().contains("\"stdout\":\"0\\n\""),
                results::toString);
        JsonArray resultsJson = json(cli.run(args("--json", "result", ids)).out()).asJsonArray();
        assertEquals(40, resultsJson.size());
        assertTrue(resultsJson.stream().allMatch(r -> "success".equals(r.asJsonObject().getString("status"))));

        Result unknown = cli.run("result", ids.get(0), UUID.randomUUID().toString());
        assertEquals(3, unknown.exit(), unknown::toString);
        assertTrue(unknown.out().contains("  unknown  unknown task id"), unknown::toString);
    }

    @Test
    void endpointsListedStatusLockAndDelete() throws Exception {
        Result list = cli.run("endpoint", "list");
        assertEquals(0, list.exit(), list::toString);
        assertTrue(list.out().contains(STACK.endpointId()), list::toString);
        assertTrue(json(cli.run("--json", "endpoint", "list", "--all").out()).asJsonArray().stream()
                .anyMatch(e -> STACK.endpointId().equals(e.asJsonObject().getString("uuid"))));

        Result status = cli.run("endpoint", "status", STACK.endpointId());
        assertEquals(0, status.exit(), status::toString);
        assertTrue(status.out().startsWith("online: "), status::toString);
        assertEquals("online", json(cli.run("--json", "endpoint", "status", STACK.endpointId()).out())
                .asJsonObject().getString("status"));
        assertEquals(3, cli.run("endpoint", "status", UUID.randomUUID().toString()).exit());

        String name = "cli-it-" + UUID.randomUUID().toString().substring(0, 8);
        try (FuncFabricClient client = FuncFabricClient.builder().serviceUrl(STACK.baseUrl()).token(STACK.token()).build()) {
            client.registerEndpoint(EndpointRegistration.named(name));
        }
        Result locked = cli.run("endpoint", "lock", name);
        assertEquals(0, locked.exit(), locked::toString);
        assertTrue(locked.out().contains(" locked until "), locked::toString);
        Result deleted = cli.run("endpoint", "delete", name);
        assertEquals(0, deleted.exit(), deleted::toString);
        Result gone = cli.run("endpoint", "status", name);
        assertEquals(2, gone.exit(), "no endpoint of that name any more: " + gone);
    }

    @Test
    void usageAndUnreachableServiceExitCodes() {
        Result usage = cli.run("run");
        assertEquals(2, usage.exit(), usage::toString);
        assertTrue(usage.err().contains("Missing required"), usage::toString);

        Result unreachable = cli.run("--service", "http://127.0.0.1:9", "function", "list");
        assertEquals(4, unreachable.exit(), unreachable::toString);
        assertTrue(unreachable.err().startsWith("funcfabric: cannot reach FuncFabric at http://127.0.0.1:9"),
                unreachable::toString);
    }

    @Test
    void theRepositoryScriptHandsClientCommandsToTheCli() {
        Result r = CliProcess.script(home).withEnvironment(Map.of(
                "FUNCFABRIC_SERVICE_URL", STACK.baseUrl().toString(), "FUNCFABRIC_TOKEN", STACK.token()))
                .run("--json", "endpoint", "list");

        assertEquals(0, r.exit(), r::toString);
        assertTrue(json(r.out()).asJsonArray().stream()
                .anyMatch(e -> STACK.endpointId().equals(e.asJsonObject().getString("uuid"))), r::toString);
    }

    private static String register(String... args) {
        Result r = cli.run(args("function", "register", List.of(args)));
        assertEquals(0, r.exit(), r::toString);
        return r.out().strip();
    }

    /** Command-line arguments from strings and lists of strings. */
    private static String[] args(Object... parts) {
        return Stream.of(parts)
                .flatMap(p -> p instanceof List<?> list ? list.stream().map(String::valueOf) : Stream.of((String) p))
                .toArray(String[]::new);
    }

    private static JsonValue json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readValue();
        } catch (RuntimeException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
