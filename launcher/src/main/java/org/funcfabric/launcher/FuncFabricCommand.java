package org.funcfabric.launcher;

import java.io.UncheckedIOException;

import org.funcfabric.launcher.config.ConfigException;
import org.funcfabric.launcher.config.Knob;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code funcfabric}: the entry point of the launcher jar. Without a subcommand it prints its usage.
 * A {@link ConfigException} anywhere becomes its one-line message on stderr and exit code 2.
 */
@Command(name = "funcfabric", mixinStandardHelpOptions = true,
        versionProvider = FuncFabricCommand.Version.class,
        description = "Federated function-as-a-service: run FuncFabric on this machine and mint development tokens.",
        subcommands = {UpCommand.class, TokenCommand.class, CommandLine.HelpCommand.class})
public final class FuncFabricCommand implements Runnable {
    static final int CONFIG_ERROR = 2;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with FuncFabric's error handling, for {@code main} and tests. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new FuncFabricCommand());
        cl.getSubcommands().get("up").getCommandSpec().usageMessage().footer(Knob.table().split("\n"));
        return cl.setExecutionExceptionHandler((e, cmd, parseResult) -> {
                    if (e instanceof ConfigException) {
                        cmd.getErr().println(e.getMessage());
                        return CONFIG_ERROR;
                    }
                    if (e instanceof UncheckedIOException io) {
                        // A run directory that cannot be written is the user's to fix, not a bug.
                        cmd.getErr().println(io.getMessage() + ": " + io.getCause().getMessage());
                        return CONFIG_ERROR;
                    }
                    throw e;
                });
    }

    /** The version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = FuncFabricCommand.class.getPackage().getImplementationVersion();
            return new String[] {"FuncFabric " + (v == null ? "(development build)" : v)};
        }
    }
}
