package org.funcfabric.launcher.home;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

import org.funcfabric.launcher.config.ConfigException;

/**
 * The run directory of one FuncFabric installation: keys, secrets, database, broker journal, service
 * configuration, endpoint state and logs. Everything that must survive a restart lives here, so a
 * second {@code up} finds the data of the first.
 *
 * <p>All of it is its owner's only: the directory is {@code rwx------}, so whatever a process writes below
 * it stays out of other local users' reach whatever its umask, and {@link #create()} takes group and other
 * permissions off anything an older version or another tool left readable.
 */
public final class RunHome {
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> GROUP_AND_OTHERS = PosixFilePermissions.fromString("---rwxrwx");

    private final Path root;

    public RunHome(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path logs() {
        return root.resolve("logs");
    }

    public Path keys() {
        return root.resolve("keys");
    }

    public Path db() {
        return root.resolve("db");
    }

    public Path broker() {
        return root.resolve("broker");
    }

    public Path service() {
        return root.resolve("service");
    }

    /** Payara Micro's own root directory: runtime state only, rebuilt on every start. */
    public Path payaraRoot() {
        return service().resolve("payara");
    }

    public Path endpoints() {
        return root.resolve("endpoints");
    }

    public Path secretsFile() {
        return root.resolve("secrets.properties");
    }

    public Path tokenFile() {
        return root.resolve("dev-token");
    }

    public Path privateKeyFile() {
        return keys().resolve("jwt-private.pem");
    }

    public Path publicKeyFile() {
        return keys().resolve("jwt-public.pem");
    }

    /**
     * Creates the directory and its subdirectories when missing, owner-only, and makes everything already in
     * it owner-only.
     *
     * @throws ConfigException when the directory cannot be created or written
     */
    public RunHome create() {
        try {
            for (Path dir : new Path[] {root, logs(), keys(), db(), broker(), service(), endpoints()}) {
                createOwnerOnly(dir);
            }
            restrictTree();
            if (!Files.isWritable(root)) {
                throw new IOException("not writable");
            }
        } catch (IOException e) {
            throw new ConfigException("cannot create the run directory " + root + " (" + e.getMessage()
                    + "): set FABRIC_HOME to a writable directory", e);
        }
        return this;
    }

    /**
     * Takes the group and other permissions off the directory and everything in it. Symbolic links are
     * neither followed nor changed: what they point to is not the run directory's.
     */
    void restrictTree() throws IOException {
        if (!isPosix(root)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path p : tree.toList()) {
                if (Files.isSymbolicLink(p)) {
                    continue;
                }
                Set<PosixFilePermission> permissions =
                        new HashSet<>(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
                if (permissions.removeAll(GROUP_AND_OTHERS)) {
                    Files.setPosixFilePermissions(p, permissions);
                }
            }
        }
    }

    /**
     * Empties Payara Micro's root directory. Micro redeploys whatever a previous run left there before
     * it handles {@code --deploy}, the WAR ahead of the resource adapter it needs, and then deploys both
     * again; a clean root makes every start the same as the first. Nothing in it is FuncFabric data.
     */
    public void resetPayaraRoot() {
        Path dir = payaraRoot();
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(dir)) {
            // Deepest first; a symbolic link is removed itself, never followed.
            for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty " + dir, e);
        }
    }

    /**
     * Writes a file that only its owner may read, replacing it atomically. The content never exists in
     * a file with wider permissions, not even for a moment.
     */
    public static void writePrivate(Path file, String content) {
        Path dir = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            Path tmp = createPrivateTemp(dir, file.getFileName().toString());
            try {
                Files.writeString(tmp, content, StandardCharsets.UTF_8);
                try {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static Path createPrivateTemp(Path dir, String name) throws IOException {
        return Files.createTempFile(dir, "." + name, ".tmp", ownerOnlyFile(dir));
    }

    /** What makes a new file in {@code dir} its owner's only, whatever the umask; nothing where there are no POSIX permissions. */
    public static FileAttribute<?>[] ownerOnlyFile(Path dir) {
        return isPosix(dir) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_FILE)}
                : new FileAttribute<?>[0];
    }

    /** Creates {@code dir} and its missing parents its owner's only; an existing one is left as it is. */
    public static void createOwnerOnly(Path dir) throws IOException {
        if (isPosix(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
        } else {
            Files.createDirectories(dir);
        }
    }

    private static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
