package org.funcfabric.broker.security;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import org.funcfabric.protocol.CredentialRevocation;
import org.funcfabric.protocol.EndpointCredentials;

/**
 * The endpoint credentials the service revoked: per endpoint, the oldest credential generation still
 * valid. Kept in a file of the broker's data directory, written before a revocation is acknowledged,
 * so that a revoked credential stays refused across broker restarts.
 */
public final class CredentialRevocations {
    static final String FILE_NAME = "revoked-endpoint-credentials.properties";

    private final Path file;
    private final Map<String, Integer> validFrom = new ConcurrentHashMap<>();

    private CredentialRevocations(Path file) {
        this.file = file;
    }

    /** The revocations recorded in {@code dataDir}, none if it has no file yet. */
    public static CredentialRevocations load(Path dataDir) {
        CredentialRevocations revocations = new CredentialRevocations(dataDir.resolve(FILE_NAME));
        if (Files.exists(revocations.file)) {
            Properties stored = new Properties();
            try (Reader in = Files.newBufferedReader(revocations.file)) {
                stored.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + revocations.file, e);
            }
            stored.forEach((endpoint, generation) ->
                    revocations.validFrom.put((String) endpoint, Integer.parseInt((String) generation)));
        }
        return revocations;
    }

    /** Whether {@code user} is an endpoint credential of a generation that was revoked. */
    public boolean isRevoked(String user) {
        return EndpointCredentials.endpointOf(user)
                .map(endpoint -> EndpointCredentials.generationOf(user).orElseThrow()
                        < validFrom.getOrDefault(endpoint, 1))
                .orElse(false);
    }

    /**
     * Records a revocation durably. Revocations only ever move forward: an older or repeated one
     * (a redelivery) changes nothing.
     *
     * @return true when it revoked something not revoked before
     */
    public synchronized boolean apply(CredentialRevocation revocation) {
        int current = validFrom.getOrDefault(revocation.endpointId(), 1);
        if (revocation.validFrom() <= current) {
            return false;
        }
        validFrom.put(revocation.endpointId(), revocation.validFrom());
        save();
        return true;
    }

    private void save() {
        Properties stored = new Properties();
        validFrom.forEach((endpoint, generation) -> stored.setProperty(endpoint, Integer.toString(generation)));
        Path temporary = file.resolveSibling(FILE_NAME + ".tmp");
        try (Writer out = Files.newBufferedWriter(temporary)) {
            stored.store(out, "endpoint id = oldest valid credential generation (FuncFabric broker)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + temporary, e);
        }
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace " + file, e);
        }
    }
}
