package org.funcfabric.client.cli;

import jakarta.json.bind.JsonbException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Objects;
import org.funcfabric.client.Json;

/**
 * What {@code funcfabric login} stores: the service URL and the token, in
 * {@code $XDG_CONFIG_HOME/funcfabric/config.json} (default {@code ~/.config/funcfabric/config.json}),
 * readable by the user alone.
 *
 * @param serviceUrl the service's base URL
 * @param token      the JWT
 */
public record CliConfig(String serviceUrl, String token) {
    /** Where the service is when nothing says otherwise: {@code ./funcfabric up}'s default. */
    public static final String DEFAULT_SERVICE_URL = "http://127.0.0.1:8080";
    static final String SERVICE_URL_VARIABLE = "FUNCFABRIC_SERVICE_URL";
    static final String TOKEN_VARIABLE = "FUNCFABRIC_TOKEN";
    private static final CliConfig EMPTY = new CliConfig(null, null);

    /** The config file for this environment. */
    public static Path file(Map<String, String> env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
                ? Path.of(xdg)
                : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".config");
        return base.resolve("funcfabric").resolve("config.json");
    }

    /** The stored config; empty when there is no file. */
    public static CliConfig load(Path file) {
        if (!Files.exists(file)) {
            return EMPTY;
        }
        try {
            CliConfig config = Json.API.fromJson(Files.readString(file), CliConfig.class);
            return config == null ? EMPTY : config;
        } catch (IOException | JsonbException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage()
                    + " (log in again, or delete it)", e);
        }
    }

    /** Writes the file with mode 600 (its directory 700), replacing any earlier one whole. */
    public void save(Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            try {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (FileAlreadyExistsException notADirectory) {
                throw new CliException(dir + " exists and is not a directory");
            }
            Path tmp = Files.createTempFile(dir, "config", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.writeString(tmp, Json.API.toJson(this));
                // Same directory, so the move is atomic: a reader never sees half a file.
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new CliException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The service URL to use: the option, else the environment, else this config, else the default. */
    public String serviceUrl(String option, Map<String, String> env) {
        return Objects.requireNonNullElse(firstNonBlank(option, env.get(SERVICE_URL_VARIABLE), serviceUrl),
                DEFAULT_SERVICE_URL);
    }

    /** The token to use: the environment's, else this config's; null when neither has one. */
    public String token(Map<String, String> env) {
        return firstNonBlank(env.get(TOKEN_VARIABLE), token);
    }

    private static String firstNonBlank(String... values) {
        for (String s : values) {
            if (s != null && !s.isBlank()) {
                return s.strip();
            }
        }
        return null;
    }
}
