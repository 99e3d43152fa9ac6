package org.funcfabric.client.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.funcfabric.client.FuncFabricClient;
import org.funcfabric.client.FuncFabricException;
import org.funcfabric.client.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code funcfabric}: the command line of FuncFabric's client. Without a subcommand it prints its usage.
 * Failures become one line on stderr (a JSON object with {@code --json}) and an exit code of
 * {@link ExitCodes}.
 */
@Command(name = "funcfabric", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT,
        versionProvider = FuncFabricCli.Version.class,
        description = "Run functions on FuncFabric endpoints from the command line.",
        footer = {
            "",
            "Exit codes:",
            "  0   success",
            "  1   a task failed or was cancelled; a shell command of run exited non-zero",
            "  2   usage or configuration error: bad option, unreadable file, not logged in",
            "  3   the service refused the request (4xx): unknown id, not allowed, bad token",
            "  4   the service is unavailable: unreachable, or 5xx",
            "  5   not finished: run --timeout passed, or result found pending tasks",
            "  70  internal error of the command line",
            "",
            "FUNCFABRIC_SERVICE_URL and FUNCFABRIC_TOKEN override the login, which is kept",
            "in $XDG_CONFIG_HOME/funcfabric/config.json (default ~/.config/funcfabric/)."},
        subcommands = {LoginCommand.class, FunctionCommand.class, EndpointCommand.class, RunCommand.class,
                SubmitCommand.class, ResultCommand.class, WatchCommand.class, CommandLine.HelpCommand.class})
public final class FuncFabricCli implements Runnable {
    @Option(names = "--service", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "the service's base URL (default: $FUNCFABRIC_SERVICE_URL, the login's, " + CliConfig.DEFAULT_SERVICE_URL + ")")
    String service;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "print JSON, for scripts")
    boolean json;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;
    private final InputStream in;
    private final boolean terminal;
    private CliConfig config;
    private FuncFabricClient client;

    FuncFabricCli(Map<String, String> env, InputStream in, boolean terminal) {
        this.env = env;
        this.in = in;
        this.terminal = terminal;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(execute(args, System.getenv(), System.in, System.console() != null, out, err));
    }

    /** Runs one command line; the exit code of {@link ExitCodes}. */
    static int execute(String[] args, Map<String, String> env, InputStream in, boolean terminal,
                       PrintWriter out, PrintWriter err) {
        FuncFabricCli cli = new FuncFabricCli(env, in, terminal);
        CommandLine commandLine = new CommandLine(cli).setOut(out).setErr(err)
                .setExecutionExceptionHandler((e, cmd, parseResult) -> cli.failed(e, cmd.getErr()));
        try {
            return commandLine.execute(args);
        } finally {
            cli.closeClient();
            // Plain output ends with print, not println, where it passes a command's own output on.
            out.flush();
            err.flush();
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    Map<String, String> env() {
        return env;
    }

    InputStream in() {
        return in;
    }

    /** Whether standard output is a terminal, where watch redraws one line. */
    boolean isTerminal() {
        return terminal;
    }

    Path configFile() {
        return CliConfig.file(env);
    }

    CliConfig config() {
        if (config == null) {
            config = CliConfig.load(configFile());
        }
        return config;
    }

    /** The client for the configured service and token. */
    FuncFabricClient client() {
        if (client == null) {
            String token = config().token(env);
            if (token == null) {
                throw new CliException("not logged in: run `funcfabric login --token FILE`, or set "
                        + CliConfig.TOKEN_VARIABLE);
            }
            client = FuncFabricClient.builder().serviceUrl(config().serviceUrl(service, env)).token(token).build();
        }
        return client;
    }

    private void closeClient() {
        if (client != null) {
            client.close();
        }
    }

    /** The exit code for an exception a command threw, after saying what went wrong. */
    private int failed(Exception e, PrintWriter err) {
        int code;
        String errorCode;
        if (e instanceof FuncFabricException f) {
            code = ExitCodes.of(f);
            errorCode = f.errorCode();
        } else if (e instanceof CliException) {
            code = ExitCodes.USAGE;
            errorCode = "USAGE";
        } else if (e instanceof InterruptedException) {
            code = ExitCodes.NOT_FINISHED;
            errorCode = "INTERRUPTED";
        } else {
            e.printStackTrace(err);
            code = ExitCodes.INTERNAL;
            errorCode = "INTERNAL";
        }
        if (json) {
            err.println(Json.API.toJson(new Failure(errorCode, String.valueOf(e.getMessage()), code)));
        } else {
            err.println("funcfabric: " + e.getMessage());
        }
        return code;
    }

    /** What a failure prints on stderr with {@code --json}. */
    public record Failure(String code, String message, int exitCode) {
    }

    /** The version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = FuncFabricCli.class.getPackage().getImplementationVersion();
            return new String[] {"FuncFabric CLI " + (v == null ? "(development build)" : v)};
        }
    }
}
