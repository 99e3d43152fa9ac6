package org.funcfabric.client.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.funcfabric.client.FuncFabricClient;
import org.funcfabric.client.Json;
import org.funcfabric.client.model.EndpointRole;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code funcfabric login}: checks a token against the service and stores both in the config file. */
@Command(name = "login", description = {
    "Store the service URL (--service, else $FUNCFABRIC_SERVICE_URL, else the stored one, else "
            + CliConfig.DEFAULT_SERVICE_URL + ") and a token in the config file, readable by you alone.",
    "The token is checked with the service first, unless --no-verify."})
final class LoginCommand extends FabricCommand {
    @Option(names = "--token", required = true, paramLabel = "FILE|-",
            description = "file holding the JWT, or - to read it from standard input")
    String tokenSource;

    @Option(names = "--no-verify", description = "store the token without asking the service")
    boolean noVerify;

    /** What {@code login --json} prints. */
    public record LoggedIn(String serviceUrl, String subject, String configFile) {
    }

    @Override
    public Integer call() {
        String token = readToken();
        FuncFabricCli cli = cli();
        String url = cli.config().serviceUrl(cli.service, cli.env());
        if (!noVerify) {
            try (FuncFabricClient client = FuncFabricClient.builder().serviceUrl(url).token(token).build()) {
                client.listEndpoints(EndpointRole.OWNER);
            }
        }
        Path file = cli.configFile();
        new CliConfig(url, token).save(file);
        String subject = subject(token);
        if (json()) {
            printJson(new LoggedIn(url, subject, file.toString()));
        } else {
            out().println("logged in to " + url + (subject == null ? "" : " as " + subject) + "; saved in " + file);
        }
        return ExitCodes.OK;
    }

    private String readToken() {
        String text;
        try {
            text = "-".equals(tokenSource)
                    ? new String(cli().in().readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(Path.of(tokenSource));
        } catch (IOException e) {
            throw new CliException("cannot read the token from " + tokenSource + ": " + e.getMessage(), e);
        }
        String token = text.strip();
        if (token.isEmpty() || token.chars().anyMatch(Character::isWhitespace)) {
            throw new CliException("the token from " + tokenSource + " must be one JWT, without spaces");
        }
        return token;
    }

    /** The JWT's {@code sub}, for the message; null when the token is not a readable JWT. */
    static String subject(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            return null;
        }
        try {
            Map<?, ?> claims = Json.DATA.fromJson(new String(Base64.getUrlDecoder().decode(parts[1]),
                    StandardCharsets.UTF_8), Map.class);
            Object sub = claims.get("sub");
            return sub == null ? null : sub.toString();
        } catch (RuntimeException notAJwt) {
            return null;
        }
    }
}
