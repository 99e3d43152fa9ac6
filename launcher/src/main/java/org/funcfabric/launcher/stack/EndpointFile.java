package org.funcfabric.launcher.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * The file a connector writes into its directory once its endpoint is registered,
 * {@code endpoint.json} with at least {@code {"endpoint_id": "<uuid>"}}. Its appearance is how the
 * launcher knows the local endpoint is up, and where it learns the id to show.
 */
public final class EndpointFile {
    static final String FILE_NAME = "endpoint.json";

    private EndpointFile() {
    }

    public static Path in(Path endpointDir) {
        return endpointDir.resolve(FILE_NAME);
    }

    /** The endpoint id, or empty while the file is absent, incomplete or without an id. */
    public static Optional<String> endpointId(Path endpointDir) {
        Path file = in(endpointDir);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Map<String, Object> json = JsonUtil.parseJson(Files.readString(file, StandardCharsets.UTF_8));
            Object id = json.get("endpoint_id");
            return id instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
        } catch (IOException | JoseException | RuntimeException e) {
            // Possibly caught mid-write; the next poll reads it whole.
            return Optional.empty();
        }
    }
}
