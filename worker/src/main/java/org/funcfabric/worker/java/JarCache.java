package org.funcfabric.worker.java;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.funcfabric.worker.OwnerOnlyDirectories;

/**
 * The jars of Java functions on disk, one file {@code <sha256>.jar} each, so a jar is written once however
 * many tasks carry it and survives a worker's restart. A jar becomes visible under its name only by an
 * atomic rename after the written file's digest was checked, so worker processes sharing the directory
 * never load a partial or damaged jar; a file whose content no longer matches its name is replaced.
 */
final class JarCache {
    private static final Logger LOG = Logger.getLogger(JarCache.class.getName());
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Path directory;

    JarCache(Path directory) {
        this.directory = directory;
    }

    Path directory() {
        return directory;
    }

    /** True for a lower-case hex SHA-256, the only names this cache gives files. */
    static boolean isSha256(String text) {
        return text != null && SHA256.matcher(text).matches();
    }

    /** The cached jar with this digest, when it is there and its content still has that digest. */
    Optional<Path> find(String sha256) throws IOException {
        Path file = file(sha256);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String actual = sha256(file);
        if (!actual.equals(sha256)) {
            LOG.warning(() -> "cached jar " + file + " is damaged (its SHA-256 is " + actual + "); writing it again");
            return Optional.empty();
        }
        return Optional.of(file);
    }

    /**
     * Writes {@code jar} as the file for {@code sha256}, replacing a damaged one.
     *
     * @throws IOException when the directory cannot be written, or the written file does not have the digest
     */
    Path store(byte[] jar, String sha256) throws IOException {
        OwnerOnlyDirectories.create(directory);
        Path partial = Files.createTempFile(directory, sha256 + "-", ".partial");
        try {
            Files.write(partial, jar);
            String written = sha256(partial);
            if (!written.equals(sha256)) {
                throw new IOException("the jar written to " + partial + " has SHA-256 " + written + ", not " + sha256);
            }
            return Files.move(partial, file(sha256), StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private Path file(String sha256) {
        if (!isSha256(sha256)) {
            throw new IllegalArgumentException("not a lower-case hex SHA-256: " + sha256);
        }
        return directory.resolve(sha256 + ".jar");
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java SE has SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
