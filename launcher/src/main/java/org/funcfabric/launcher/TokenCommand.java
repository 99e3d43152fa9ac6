package org.funcfabric.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import org.funcfabric.launcher.auth.DevTokens;
import org.funcfabric.launcher.auth.SigningKeys;
import org.funcfabric.launcher.config.ConfigException;
import org.funcfabric.launcher.config.Knob;
import org.funcfabric.launcher.config.Knobs;
import org.funcfabric.launcher.home.RunHome;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code funcfabric token}: mints a development token for any user with the run directory's signing
 * key, for example a second user to try sharing and access rules. Prints only the token.
 */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Print a development JWT signed with the key of FABRIC_HOME (created by `up`).")
final class TokenCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--sub", required = true, paramLabel = "USER", description = "user id (sub and upn claims)")
    String subject;

    @Option(names = "--groups", split = ",", paramLabel = "g1,g2", defaultValue = "user",
            description = "groups claim (default: ${DEFAULT-VALUE})")
    List<String> groups;

    @Option(names = "--ttl", paramLabel = "DURATION",
            description = "lifetime such as 90s, 15m, 1h, 30d (default: FABRIC_TOKEN_TTL, else 12h)")
    String ttl;

    @Override
    public Integer call() {
        Knobs knobs = Knobs.fromSystem();
        Duration lifetime = ttl == null ? knobs.duration(Knob.FABRIC_TOKEN_TTL, "12h") : parseTtl(ttl);
        if (subject.isBlank()) {
            throw new ConfigException("--sub is empty: give the user id the token is for");
        }
        RunHome home = new RunHome(knobs.path(Knob.FABRIC_HOME, "var"));
        Path key = home.privateKeyFile();
        String token = new DevTokens(SigningKeys.load(key).privateKey()).mint(subject.trim(), groups, lifetime);
        spec.commandLine().getOut().println(token);
        return 0;
    }

    private static Duration parseTtl(String text) {
        try {
            return Knobs.parseDuration(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--ttl " + text + " is not a duration: use e.g. 90s, 15m, 1h or 30d");
        }
    }
}
