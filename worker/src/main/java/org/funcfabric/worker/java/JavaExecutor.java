package org.funcfabric.worker.java;

import jakarta.json.JsonArray;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.funcfabric.protocol.FailureType;
import org.funcfabric.protocol.JavaFunctionCode;
import org.funcfabric.protocol.SerializedBuffers;
import org.funcfabric.worker.task.TaskExecutor;
import org.funcfabric.worker.task.TaskFailure;
import org.funcfabric.worker.task.TaskInput;
import org.funcfabric.worker.task.TaskOutcome;

/**
 * Runs Java functions (header {@value JavaFunctionCode#HEADER}) in the worker's JVM, with the slot's own
 * instance of the function's class: one call per task, or a map that applies the function to every input
 * in order and returns the list of outputs, so many small calls cost one task. Input and output are JSON
 * ({@code 11}); a function's exception fails the task with its stack trace, prefixed in a map by the
 * position of the input that raised it.
 *
 * <p>A function cannot be killed the way a process is: {@link #stop()} interrupts the slot's thread, and a
 * map stops between two inputs.
 */
public final class JavaExecutor implements TaskExecutor {
    private static final String RESULT_HEADER = "11\n";
    /** The SDK's result serializers that a JSON result satisfies, by class name as the Python runner keys them. */
    private static final Set<String> JSON_SERIALIZERS = Set.of("JSONData", "AllDataStrategies");

    private final JavaFunctionCache functions;
    private final String name;
    private volatile boolean started;
    private volatile Thread running;

    /**
     * @param functions the worker's loaded functions, shared with its other slots
     * @param name      the slot's name; it owns one instance of each function it runs
     */
    public JavaExecutor(JavaFunctionCache functions, String name) {
        this.functions = functions;
        this.name = name;
    }

    @Override
    public void start() {
        started = true;
    }

    @Override
    public void stop() {
        started = false;
        abort();
    }

    /** Interrupts the slot's thread: a function that ignores interrupts runs on, holding its slot until it returns. */
    @Override
    public void abort() {
        Thread thread = running;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isStarted() {
        return started;
    }

    @Override
    public TaskOutcome execute(TaskInput input) {
        if (!started) {
            return TaskOutcome.failure(FailureType.WORKER_STOPPING + ": the worker is stopping");
        }
        try {
            requireJsonResult(input.resultSerializers());
            JavaCall call = JavaCall.parse(input.payload());
            LoadedFunction function = functions.acquire(SerializedBuffers.body(input.codeBuffer()));
            try {
                return TaskOutcome.success(RESULT_HEADER + run(function, call));
            } finally {
                function.release();
            }
        } catch (TaskFailure e) {
            return e.outcome();
        }
    }

    /** Checked before the function runs: a result nobody asked for in JSON would be computed in vain. */
    private static void requireJsonResult(List<String> serializers) throws TaskFailure {
        if (serializers.isEmpty()
                || serializers.stream().anyMatch(s -> JSON_SERIALIZERS.contains(s.substring(s.lastIndexOf('.') + 1)))) {
            return;
        }
        throw new TaskFailure(FailureType.SERIALIZATION_ERROR
                + ": Java functions return JSON results only, but result_serializers "
                + serializers + " names neither JSONData nor AllDataStrategies");
    }

    private String run(LoadedFunction function, JavaCall call) throws TaskFailure {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // Libraries in the function's jar (ServiceLoader, JAXB-style lookups) find their resources through it.
        thread.setContextClassLoader(function.classLoader());
        running = thread;
        try {
            Function<Object, Object> instance = function.instance(name);
            JsonArray inputs = call.inputs();
            if (!call.map()) {
                return function.json(apply(instance, read(function, inputs.get(0), ""), ""));
            }
            List<Object> values = function.inputs(inputs).orElse(null);
            List<Object> outputs = new ArrayList<>(inputs.size());
            for (int i = 0; i < inputs.size(); i++) {
                if (!started) {
                    throw new TaskFailure(FailureType.WORKER_STOPPING
                            + ": the worker stopped while the map ran, before input #" + i);
                }
                String where = "input #" + i + " of " + inputs.size() + ": ";
                Object input = values != null ? values.get(i) : read(function, inputs.get(i), where);
                outputs.add(apply(instance, input, where));
            }
            return function.json(outputs);
        } finally {
            running = null;
            thread.setContextClassLoader(previous);
        }
    }

    private static Object read(LoadedFunction function, JsonValue json, String where) throws TaskFailure {
        try {
            return function.input(json);
        } catch (TaskFailure e) {
            throw new TaskFailure(where + e.getMessage());
        }
    }

    private static Object apply(Function<Object, Object> instance, Object input, String where) throws TaskFailure {
        try {
            return instance.apply(input);
        } catch (Throwable t) {
            // Errors too: a StackOverflowError or an OutOfMemoryError of one function fails its task, not the worker.
            throw new TaskFailure(where + StackTraces.of(t));
        }
    }
}
