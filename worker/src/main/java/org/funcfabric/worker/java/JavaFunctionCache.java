package org.funcfabric.worker.java;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.funcfabric.protocol.FailureType;
import org.funcfabric.protocol.JavaFunctionCode;
import org.funcfabric.protocol.ProtocolException;
import org.funcfabric.protocol.ProtocolJson;
import org.funcfabric.worker.task.TaskFailure;

/**
 * The Java functions a worker has loaded, shared by its slots: at most {@code capacity} of them, keyed by
 * jar digest and class name, the least recently used closed (its class loader with it) when another one
 * is loaded. Their jars come from a {@link JarCache}, so a function loaded again reads its jar from disk
 * instead of decoding it from the task.
 */
public final class JavaFunctionCache implements AutoCloseable {
    /** Enough for the functions a worker runs in turn, few enough that their classes fit in memory. */
    public static final int DEFAULT_CAPACITY = 32;

    private static final Logger LOG = Logger.getLogger(JavaFunctionCache.class.getName());
    /**
     * The service enforces {@code fabric.limits.max-jar-bytes} at registration; a jar that reached a
     * worker is accepted whatever its size.
     */
    private static final long ANY_JAR_SIZE = Integer.MAX_VALUE;

    private final JarCache jars;
    private final int capacity;
    /** In access order, eldest first; guarded by {@code this}. */
    private final LinkedHashMap<String, LoadedFunction> loaded = new LinkedHashMap<>(16, 0.75f, true);
    private boolean closed;

    /**
     * @param jarDirectory where jars are kept, created when the first one is written
     * @param capacity     how many functions stay loaded
     */
    public JavaFunctionCache(Path jarDirectory, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the capacity must be at least 1, got " + capacity);
        }
        this.jars = new JarCache(jarDirectory);
        this.capacity = capacity;
    }

    /**
     * The function of a {@code jv} buffer's body, loaded unless it is already; the caller must
     * {@link LoadedFunction#release() release} it when its task ends.
     *
     * @throws TaskFailure when the body is malformed, the jar cannot be cached or the class cannot serve
     */
    LoadedFunction acquire(String body) throws TaskFailure {
        JavaFunctionCode code;
        try {
            code = ProtocolJson.fromJson(body, JavaFunctionCode.class);
            // The service stores every function checked and with its digest; only a hand-made task lacks
            // them, and is checked in full here.
            if (code.className() == null || !JarCache.isSha256(code.sha256())) {
                code = JavaFunctionCode.parse(body, ANY_JAR_SIZE);
            }
        } catch (ProtocolException e) {
            throw new TaskFailure(FailureType.DESERIALIZATION_ERROR + ": malformed Java function: " + e.getMessage());
        }
        String key = code.sha256() + "/" + code.className();
        LoadedFunction function = inUse(key);
        return function != null ? function : add(key, load(body, code));
    }

    private synchronized LoadedFunction inUse(String key) {
        LoadedFunction function = loaded.get(key);
        if (function != null) {
            function.acquire();
        }
        return function;
    }

    private LoadedFunction load(String body, JavaFunctionCode code) throws TaskFailure {
        try {
            Optional<Path> cached = jars.find(code.sha256());
            Path jar = cached.isPresent() ? cached.get() : store(body);
            LoadedFunction function = LoadedFunction.load(jar, code.className());
            LOG.fine(() -> "loaded " + function + " from " + jar);
            return function;
        } catch (ProtocolException e) {
            throw new TaskFailure(FailureType.DESERIALIZATION_ERROR + ": malformed Java function: " + e.getMessage());
        } catch (IOException e) {
            throw new TaskFailure("OSError: cannot cache the function's jar in " + jars.directory() + ": " + e
                    + " (the directory is set by --jar-cache or FABRIC_JAR_CACHE)");
        }
    }

    /** Writes the jar of a function whose body is checked first: its jar must have its declared digest. */
    private Path store(String body) throws IOException {
        JavaFunctionCode checked = JavaFunctionCode.parse(body, ANY_JAR_SIZE);
        return jars.store(checked.jarBytes(), checked.sha256());
    }

    /** Adds a function loaded by this thread, unless another thread was quicker, and evicts the eldest. */
    private synchronized LoadedFunction add(String key, LoadedFunction function) throws TaskFailure {
        if (closed) {
            function.retire();
            throw new TaskFailure(FailureType.WORKER_STOPPING + ": the worker is stopping");
        }
        LoadedFunction existing = loaded.get(key);
        if (existing != null) {
            function.retire();
            existing.acquire();
            return existing;
        }
        function.acquire();
        loaded.put(key, function);
        Iterator<Map.Entry<String, LoadedFunction>> eldest = loaded.entrySet().iterator();
        while (loaded.size() > capacity) {
            LoadedFunction evicted = eldest.next().getValue();
            eldest.remove();
            evicted.retire();
            LOG.fine(() -> "evicted " + evicted);
        }
        return function;
    }

    /** Unloads every function; those still running close when their task ends. */
    @Override
    public synchronized void close() {
        closed = true;
        loaded.values().forEach(LoadedFunction::retire);
        loaded.clear();
    }
}
