package org.funcfabric.connector.registration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;

import jakarta.json.bind.annotation.JsonbProperty;

import org.funcfabric.protocol.ProtocolException;
import org.funcfabric.protocol.ProtocolJson;

/**
 * {@code <dir>/endpoint.json}: the endpoint id the service assigned, kept so that a restarted connector
 * re-registers as the same endpoint instead of creating a new one.
 */
public final class EndpointStateFile {
    /** The file's content. */
    public record State(@JsonbProperty("endpoint_id") String endpointId) {
    }

    private final Path file;

    public EndpointStateFile(Path file) {
        this.file = file;
    }

    /**
     * The saved endpoint id, if any.
     *
     * @throws RegistrationException when the file exists but cannot be read; guessing would create a
     *                               second endpoint
     */
    public Optional<String> endpointId() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            String id = ProtocolJson.fromJson(Files.readString(file, StandardCharsets.UTF_8), State.class).endpointId();
            // the id goes into a URL path: only ever a UUID
            return Optional.ofNullable(id).map(s -> UUID.fromString(s).toString());
        } catch (IOException | ProtocolException | IllegalArgumentException e) {
            throw new RegistrationException("cannot read " + file + " (" + e.getMessage() + "): fix or remove it", true, e);
        }
    }

    /** Saves the id, replacing the file in one step so a crash never leaves half of it. */
    public void save(String endpointId) {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(temporary, ProtocolJson.toJson(new State(endpointId)), StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new RegistrationException("cannot write " + file + " (" + e.getMessage() + ")", true, e);
        }
    }

    public Path path() {
        return file;
    }
}
