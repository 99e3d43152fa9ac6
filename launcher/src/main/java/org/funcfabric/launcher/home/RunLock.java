package org.funcfabric.launcher.home;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

import org.funcfabric.launcher.config.ConfigException;

/**
 * Proof that this launcher is the only one running with a run directory: two would share a
 * database file, a broker journal and ports. An OS file lock, so it is released even when the
 * launcher is killed.
 */
public final class RunLock {
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @throws ConfigException when another launcher holds the lock
     */
    public static RunLock acquire(RunHome home) {
        Path file = home.root().resolve("launcher.lock");
        try {
            FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                    RunHome.ownerOnlyFile(home.root()));
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new ConfigException("another `funcfabric up` is running with " + home.root()
                        + ": stop it first, or set FABRIC_HOME to another directory");
            }
            return new RunLock(channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + file, e);
        }
    }

    /** Releases the lock; the operating system also does when the process ends. */
    public void release() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // Closing the channel releases the lock in any case.
        }
    }
}
