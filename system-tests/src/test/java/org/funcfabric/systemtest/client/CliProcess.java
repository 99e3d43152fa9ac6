package org.funcfabric.systemtest.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The {@code funcfabric} command line as a user runs it: {@code client/target/funcfabric-cli.jar} (or
 * the repository's {@code ./funcfabric} script) in a process of its own, with pipes for standard input
 * and output, so it never has a terminal, and a home of its own for its config file.
 */
final class CliProcess {
    private static final Duration TIMEOUT = Duration.ofSeconds(180);

    /** One run: exit code and what it printed. */
    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
        }
    }

    private final List<String> command;
    private final Path home;
    private final Map<String, String> environment;

    private CliProcess(List<String> command, Path home, Map<String, String> environment) {
        this.command = command;
        this.home = home;
        this.environment = environment;
    }

    /** The CLI jar, run by this JVM's java. */
    static CliProcess jar(Path home) {
        Path jar = Path.of(System.getProperty("fabric.cli.jar", "../client/target/funcfabric-cli.jar"))
                .toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first (mvn -B install -DskipTests -pl client -am)");
        }
        return new CliProcess(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString()), home, Map.of());
    }

    /** The repository's {@code funcfabric} script, which hands client commands to the CLI jar. */
    static CliProcess script(Path home) {
        Path script = Path.of("../funcfabric").toAbsolutePath().normalize();
        return new CliProcess(List.of(script.toString()), home,
                Map.of("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH")));
    }

    CliProcess withEnvironment(Map<String, String> extra) {
        Map<String, String> all = new HashMap<>(environment);
        all.putAll(extra);
        return new CliProcess(command, home, all);
    }

    Result run(String... args) {
        return runWithInput("", args);
    }

    Result runWithInput(String stdin, String... args) {
        List<String> cmd = new ArrayList<>(command);
        cmd.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(cmd).directory(home.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("FUNCFABRIC_") || k.startsWith("FABRIC_") || k.startsWith("XDG_"));
        env.put("HOME", home.toString());
        env.putAll(environment);
        try {
            Process p = builder.start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("funcfabric " + String.join(" ", args) + " did not end within "
                        + TIMEOUT.toSeconds() + " s");
            }
            return new Result(p.exitValue(), out.get(), err.get());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
