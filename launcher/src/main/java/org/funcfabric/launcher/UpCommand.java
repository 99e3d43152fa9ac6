package org.funcfabric.launcher;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;

import org.funcfabric.launcher.config.Knob;
import org.funcfabric.launcher.config.Knobs;
import org.funcfabric.launcher.config.UpSettings;
import org.funcfabric.launcher.home.Library;
import org.funcfabric.launcher.stack.Banner;
import org.funcfabric.launcher.stack.LocalStack;
import org.funcfabric.launcher.stack.StackFailure;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code funcfabric up}: runs broker, service and local endpoint in the foreground until Ctrl-C or
 * SIGTERM, restarting any of them that dies, then stops them, broker last. Configured by environment variables only ({@link Knob}).
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start broker, service and a local endpoint in the foreground; Ctrl-C stops everything.",
        footerHeading = "%nEnvironment variables (default):%n")
final class UpCommand implements Callable<Integer> {
    static final int CHILD_FAILED = 1;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Instant launched = ProcessHandle.current().info().startInstant().orElse(Instant.now());
        UpSettings settings = UpSettings.from(Knobs.fromSystem(), Library.besideLauncher());

        LocalStack stack = new LocalStack(settings, line -> {
            out.printf("[%6.1fs] %s%n", Duration.between(launched, Instant.now()).toMillis() / 1000.0, line);
            out.flush();
        });
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "funcfabric-stop"));

        try {
            stack.start();
        } catch (CancellationException e) {
            // Ctrl-C during start: the shutdown hook is stopping what was started.
            return 0;
        } catch (StackFailure f) {
            report(err, f);
            stack.stop();
            return CHILD_FAILED;
        } catch (RuntimeException | Error e) {
            stack.stop();
            throw e;
        }

        out.print(Banner.render(settings, stack.home().tokenFile(), stack.home().logs(), settings.localEndpoint(),
                stack.endpointId(), Duration.between(launched, Instant.now())));
        out.flush();

        // A process that dies meanwhile is restarted by the stack itself; only Ctrl-C or SIGTERM ends
        // this, and the shutdown hook finishes the job before the JVM exits.
        stack.awaitStop();
        return 0;
    }

    private static void report(PrintWriter err, StackFailure f) {
        err.println(f.getMessage());
        f.evidence().forEach(l -> err.println("  | " + l));
        err.flush();
    }
}
