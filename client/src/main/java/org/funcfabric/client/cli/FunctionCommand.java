package org.funcfabric.client.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.funcfabric.client.model.FunctionDocument;
import org.funcfabric.client.model.FunctionRegistration;
import org.funcfabric.client.model.FunctionSummary;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code funcfabric function register|list|show|delete}. */
@Command(name = "function", description = "Register, list, show and delete your functions.",
        subcommands = {FunctionCommand.Register.class, FunctionCommand.ListFunctions.class,
                FunctionCommand.Show.class, FunctionCommand.Delete.class})
final class FunctionCommand {

    @Command(name = "register", description = "Register a function and print its id.")
    static final class Register extends FabricCommand {
        @ArgGroup(exclusive = true, multiplicity = "1")
        Code code;

        @Option(names = "--name", paramLabel = "NAME", description = "the function's name (default: the command, the Python name or the class's simple name)")
        String name;

        @Option(names = "--description", paramLabel = "TEXT")
        String description;

        @Option(names = "--walltime", paramLabel = "SECONDS", description = "shell only: stop the command after this long (return code 124)")
        Integer walltime;

        static final class Code {
            @Option(names = "--shell", paramLabel = "CMD",
                    description = "a shell command template: {key} is filled from --arg key=…, {0}, {1}… from --input")
            String shell;

            @Option(names = "--python", paramLabel = "FILE:NAME", description = "the Python function NAME defined in FILE")
            String python;

            @Option(names = "--java", arity = "2", paramLabel = "JAR CLASS", hideParamSyntax = true,
                    description = "a class in JAR implementing java.util.function.Function, with a no-argument constructor")
            List<String> java;
        }

        /** What {@code function register --json} prints. */
        public record Registered(String functionUuid) {
        }

        @Override
        public Integer call() {
            FunctionRegistration registration = registration().withDescription(description);
            if (name != null) {
                registration = registration.withName(name);
            }
            String id = client().registerFunction(registration).functionUuid();
            if (json()) {
                printJson(new Registered(id));
            } else {
                out().println(id);
            }
            return ExitCodes.OK;
        }

        private FunctionRegistration registration() {
            if (walltime != null && code.shell == null) {
                throw new CliException("--walltime is for --shell functions only");
            }
            if (code.shell != null) {
                return FunctionRegistration.shell(code.shell.strip().split("\\s+")[0], code.shell, walltime);
            }
            if (code.python != null) {
                int colon = code.python.lastIndexOf(':');
                if (colon <= 0 || colon == code.python.length() - 1) {
                    throw new CliException("--python takes FILE:NAME, e.g. square.py:square");
                }
                return FunctionRegistration.python(code.python.substring(colon + 1),
                        read(Path.of(code.python.substring(0, colon))));
            }
            if (code.java.size() != 2) {
                throw new CliException("--java takes one JAR and one CLASS");
            }
            String className = code.java.get(1);
            byte[] jar;
            try {
                jar = Files.readAllBytes(Path.of(code.java.get(0)));
            } catch (IOException e) {
                throw new CliException("cannot read the jar " + code.java.get(0) + ": " + e.getMessage(), e);
            }
            return FunctionRegistration.java(className, jar);
        }

        private static String read(Path file) {
            try {
                return Files.readString(file);
            } catch (IOException e) {
                throw new CliException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
    }

    @Command(name = "list", description = "List your functions.")
    static final class ListFunctions extends FabricCommand {
        @Override
        public Integer call() {
            List<FunctionSummary> functions = client().listFunctions();
            if (json()) {
                printJson(functions);
            } else {
                out().print(Table.format(List.of("ID", "NAME", "KIND", "CREATED"), functions.stream()
                        .map(f -> List.of(f.functionUuid(), f.functionName(), FunctionKinds.kind(f.header()),
                                String.valueOf(f.createdAt())))
                        .toList()));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", description = "Show a function and its code.")
    static final class Show extends FabricCommand {
        @Parameters(paramLabel = "FUNCTION", description = "id or name")
        String function;

        @Override
        public Integer call() {
            FunctionDocument doc = client().getFunction(Lookup.functionId(client(), function));
            if (json()) {
                printJson(doc);
            } else {
                out().println("id:          " + doc.functionUuid());
                out().println("name:        " + doc.functionName());
                out().println("kind:        " + FunctionKinds.kind(doc.header()) + " (" + doc.header() + ")");
                if (doc.description() != null) {
                    out().println("description: " + doc.description());
                }
                out().println("code:        " + FunctionKinds.describe(doc.functionCode()));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "delete", description = "Delete one of your functions.")
    static final class Delete extends FabricCommand {
        @Parameters(paramLabel = "FUNCTION", description = "id or name")
        String function;

        @Override
        public Integer call() {
            String id = Lookup.functionId(client(), function);
            client().deleteFunction(id);
            if (json()) {
                printJson(Map.of("deleted", id));
            } else {
                out().println("deleted function " + id);
            }
            return ExitCodes.OK;
        }
    }
}
