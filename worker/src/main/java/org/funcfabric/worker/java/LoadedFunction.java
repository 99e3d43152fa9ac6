package org.funcfabric.worker.java;

import jakarta.json.JsonArray;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.logging.Logger;
import org.funcfabric.protocol.FailureType;
import org.funcfabric.worker.task.TaskFailure;

/**
 * One Java function loaded from its jar. Its class loader is its own, with the platform class loader as
 * parent: the function sees the Java SE platform and its jar, never the worker's classes (Yasson, Artemis)
 * nor another function's, so two jars may hold different classes of the same name. Each slot gets its own
 * instance, created on its first task and reused for the next ones, so instance fields are never used by
 * two tasks at once; static fields are shared by the slots. JSON-B maps the JSON input to the function's
 * input type and its output back to JSON, with one {@link Jsonb} per function so that its metadata cache
 * goes away with the class loader.
 *
 * <p>The cache that holds it counts the tasks using it: evicted while a task runs, it is closed once that
 * task ends.
 */
final class LoadedFunction {
    private static final Logger LOG = Logger.getLogger(LoadedFunction.class.getName());

    private final String className;
    private final URLClassLoader loader;
    private final Constructor<?> constructor;
    private final FunctionTypes types;
    private final Jsonb jsonb;
    private final Map<String, Function<Object, Object>> instances = new ConcurrentHashMap<>();
    private int users;
    private boolean retired;

    private LoadedFunction(String className, URLClassLoader loader, Constructor<?> constructor, FunctionTypes types,
                           Jsonb jsonb) {
        this.className = className;
        this.loader = loader;
        this.constructor = constructor;
        this.types = types;
        this.jsonb = jsonb;
    }

    /**
     * Loads {@code className} from {@code jar} and checks that it can serve as a function.
     *
     * @throws TaskFailure with one line saying what is wrong with the class
     */
    static LoadedFunction load(Path jar, String className) throws TaskFailure, IOException {
        URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        try {
            Class<?> type = functionClass(loader, className);
            Constructor<?> constructor;
            try {
                constructor = type.getConstructor();
            } catch (NoSuchMethodException e) {
                throw new TaskFailure("TypeError: " + className + " has no public no-argument constructor");
            }
            return new LoadedFunction(className, loader, constructor, FunctionTypes.of(type), JsonbBuilder.create());
        } catch (LinkageError | RuntimeException e) {
            // A class compiled for a newer Java, or one whose superclass or signature types are missing.
            close(loader);
            throw new TaskFailure("TypeError: cannot load " + className + " from the function's jar: " + e);
        } catch (TaskFailure e) {
            close(loader);
            throw e;
        }
    }

    private static Class<?> functionClass(ClassLoader loader, String className) throws TaskFailure {
        Class<?> type;
        try {
            type = Class.forName(className, false, loader);
        } catch (ClassNotFoundException e) {
            type = null;
        }
        if (type == null || type.getClassLoader() != loader) {
            throw new TaskFailure("ClassNotFoundException: " + className + " is not in the function's jar");
        }
        if (!Function.class.isAssignableFrom(type)) {
            throw new TaskFailure("TypeError: " + className + " does not implement " + Function.class.getName());
        }
        if (!Modifier.isPublic(type.getModifiers())) {
            throw new TaskFailure("TypeError: " + className + " is not public");
        }
        if (Modifier.isAbstract(type.getModifiers())) {
            throw new TaskFailure("TypeError: " + className + " is abstract; name a concrete class");
        }
        return type;
    }

    ClassLoader classLoader() {
        return loader;
    }

    /**
     * The instance of slot {@code slot}, created on first use; call with the function's class loader as
     * the thread's context class loader.
     *
     * @throws TaskFailure with the stack trace when the constructor or the class's initialization fails
     */
    @SuppressWarnings("unchecked")
    Function<Object, Object> instance(String slot) throws TaskFailure {
        Function<Object, Object> instance = instances.get(slot);
        if (instance == null) {
            try {
                instance = (Function<Object, Object>) constructor.newInstance();
            } catch (InvocationTargetException e) {
                throw new TaskFailure(StackTraces.of(e.getCause()));
            } catch (LinkageError e) {
                throw new TaskFailure(StackTraces.of(e));
            } catch (ReflectiveOperationException e) {
                throw new TaskFailure("TypeError: cannot create an instance of " + className + ": " + e);
            }
            instances.put(slot, instance);
        }
        return instance;
    }

    /** The function's input read from JSON. */
    Object input(JsonValue json) throws TaskFailure {
        try {
            return jsonb.fromJson(json.toString(), types.input());
        } catch (JsonbException e) {
            throw new TaskFailure("TypeError: the input does not fit " + types.input().getTypeName() + ": "
                    + messages(e));
        }
    }

    /**
     * A map's inputs read from JSON in one pass, or empty when one of them does not fit the input type
     * (the caller then reads them one by one, which names the input that fails). Reading every input by
     * itself costs a JSON parser and a deserialization context per input, most of a no-op map's time.
     */
    Optional<List<Object>> inputs(JsonArray json) {
        try {
            return Optional.of(jsonb.fromJson(json.toString(), types.inputList()));
        } catch (JsonbException e) {
            return Optional.empty();
        }
    }

    /** A result (one output, or the list of a map's outputs) as JSON. */
    String json(Object result) throws TaskFailure {
        try {
            return jsonb.toJson(result);
        } catch (JsonbException e) {
            throw new TaskFailure(FailureType.SERIALIZATION_ERROR + ": the output of " + className
                    + " cannot be written as JSON: "
                    + messages(e));
        }
    }

    /** Yasson wraps the useful part, e.g. a record constructor's exception, in its own. */
    private static String messages(Throwable e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            text.append(": ").append(cause);
        }
        return text.toString();
    }

    /** Marks a task as using the function; only the cache calls it, and only before retiring it. */
    synchronized void acquire() {
        users++;
    }

    synchronized void release() {
        users--;
        if (retired && users == 0) {
            close();
        }
    }

    /** Takes the function out of service: it is closed now, or when its last task ends. */
    synchronized void retire() {
        retired = true;
        if (users == 0) {
            close();
        }
    }

    private void close() {
        instances.clear();
        try {
            jsonb.close();
        } catch (Exception e) {
            LOG.warning(() -> "closing the JSON-B instance of " + className + " failed: " + e);
        }
        close(loader);
        LOG.fine(() -> "unloaded " + className);
    }

    private static void close(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException e) {
            LOG.warning(() -> "closing a function's class loader failed: " + e);
        }
    }

    @Override
    public String toString() {
        return className + " with input " + types.input().getTypeName() + " and output "
                + types.output().getTypeName();
    }
}
