package org.funcfabric.worker.python;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.logging.Logger;
import org.funcfabric.protocol.ProtocolJson;
import org.funcfabric.protocol.FailureType;
import org.funcfabric.worker.task.TaskExecutor;
import org.funcfabric.worker.task.TaskInput;
import org.funcfabric.worker.task.TaskOutcome;

/**
 * Runs Python functions on the slot's own long-lived interpreter, so dill and the user's imports are
 * loaded once, not per task. An interpreter that dies mid-task (a crash, {@code os._exit}) fails that
 * task and is replaced before the next one.
 */
public final class PythonExecutor implements TaskExecutor {
    private static final Logger LOG = Logger.getLogger(PythonExecutor.class.getName());
    private static final Duration EXIT_WAIT = Duration.ofSeconds(2);

    private final PythonRuntime runtime;
    private final String name;
    private volatile PythonInterpreter interpreter;
    /** The last interpreter killed by {@link #abort()}, whose death is expected rather than reported. */
    private volatile PythonInterpreter aborted;
    private volatile boolean started;

    /**
     * @param name names the slot in log lines and thread names
     */
    public PythonExecutor(PythonRuntime runtime, String name) {
        this.runtime = runtime;
        this.name = name;
    }

    /** Starts the interpreter now so the first task does not wait for Python and dill to load. */
    @Override
    public void start() {
        started = true;
        try {
            interpreter = PythonInterpreter.start(runtime, name);
        } catch (IOException e) {
            // The runtime was checked at start; the next task retries and reports the error if it persists.
            LOG.warning(() -> name + ": cannot start " + runtime.executable() + ": " + e.getMessage());
        }
    }

    @Override
    public void stop() {
        started = false;
        abort();
    }

    /** Kills the interpreter: its task's call fails at once, and the next task gets a fresh interpreter. */
    @Override
    public void abort() {
        PythonInterpreter current = interpreter;
        interpreter = null;
        if (current != null) {
            aborted = current;
            current.kill();
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
        PythonInterpreter current = interpreter;
        if (current == null || !current.isAlive()) {
            try {
                current = PythonInterpreter.start(runtime, name);
            } catch (IOException e) {
                return TaskOutcome.failure("OSError: cannot start the Python interpreter " + runtime.executable()
                        + ": " + e.getMessage());
            }
            interpreter = current;
            if (!started) {
                // stop() ran meanwhile and could not see this interpreter.
                current.kill();
                return TaskOutcome.failure(FailureType.WORKER_STOPPING + ": the worker is stopping");
            }
        }
        String reply;
        try {
            reply = current.call(request(input));
        } catch (IOException e) {
            return died(current);
        }
        return outcome(input.taskId(), reply, current);
    }

    private static String request(TaskInput input) {
        return ProtocolJson.jsonP().createObjectBuilder()
                .add("task_id", input.taskId())
                .add("buffers", input.packedBuffers())
                .add("result_serializers", ProtocolJson.jsonP().createArrayBuilder(input.resultSerializers()))
                .add("max_result_bytes", input.maxResultBytes())
                .build()
                .toString();
    }

    private TaskOutcome outcome(String taskId, String line, PythonInterpreter current) {
        JsonObject reply;
        try (var reader = ProtocolJson.jsonP().createReader(new StringReader(line))) {
            reply = reader.readObject();
        } catch (JsonException e) {
            return protocolError(current, "unreadable reply: " + e.getMessage());
        }
        if (!taskId.equals(reply.getString("task_id", null))) {
            return protocolError(current, "reply for task " + reply.get("task_id") + " while running " + taskId);
        }
        if (reply.getBoolean("ok", false) && reply.get("result") instanceof JsonString result) {
            return TaskOutcome.success(result.getString());
        }
        if (reply.get("exception") instanceof JsonString exception) {
            return TaskOutcome.failure(exception.getString());
        }
        return protocolError(current, "reply without result or exception");
    }

    /** The runner broke its protocol: its state is unknown, so it is replaced. */
    private TaskOutcome protocolError(PythonInterpreter current, String detail) {
        LOG.warning(() -> name + ": Python runner protocol error, restarting the interpreter: " + detail);
        current.kill();
        interpreter = null;
        return TaskOutcome.failure("RuntimeError: the Python runner broke its protocol (" + detail + ")");
    }

    private TaskOutcome died(PythonInterpreter current) {
        interpreter = null;
        if (!started) {
            return TaskOutcome.failure(FailureType.WORKER_STOPPING + ": the worker stopped while the task ran");
        }
        if (current == aborted) {
            return TaskOutcome.failure(FailureType.TASK_ABORTED + ": the task's interpreter was killed");
        }
        OptionalInt exit;
        try {
            exit = current.awaitExit(EXIT_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exit = OptionalInt.empty();
        }
        if (exit.isEmpty()) {
            // The pipe broke but the process lingers: make sure it is gone before a fresh one starts.
            current.kill();
        }
        String code = exit.isPresent() ? "exit code " + exit.getAsInt() : "no exit code";
        LOG.warning(() -> name + ": Python interpreter pid " + current.pid() + " died running a task (" + code
                + "); a fresh one serves the next task");
        StringBuilder text = new StringBuilder();
        List<String> tail = current.stderrTail();
        if (!tail.isEmpty()) {
            text.append("Last lines the interpreter wrote to stderr:\n");
            tail.forEach(line -> text.append("  ").append(line).append('\n'));
        }
        text.append(FailureType.INTERPRETER_DIED
                + ": the Python interpreter died while running the task (").append(code).append(')');
        return TaskOutcome.failure(text.toString());
    }
}
