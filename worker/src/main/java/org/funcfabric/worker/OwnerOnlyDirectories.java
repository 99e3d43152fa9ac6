package org.funcfabric.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The worker's own directories (jar cache, result spool) hold function code and results, which other users of
 * the machine have no business reading: they are created {@code rwx------}, whatever the umask.
 */
public final class OwnerOnlyDirectories {
    private OwnerOnlyDirectories() {
    }

    /** Creates {@code dir} and its missing parents owner-only; one that exists is left as it is. */
    public static void create(Path dir) throws IOException {
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(dir);
        }
    }
}
