package org.funcfabric.worker.task;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.funcfabric.protocol.FailureType;
import org.funcfabric.protocol.JavaFunctionCode;
import org.funcfabric.protocol.ProtocolException;
import org.funcfabric.protocol.SerializedBuffers;
import org.funcfabric.protocol.ShellTemplate;
import org.funcfabric.protocol.TaskMessage;

/**
 * Routes a task to the executor for its function kind, chosen by the header of the function's buffer:
 * {@code sh} to the shell executor, {@code jv} to the Java executor, the Globus Compute code headers to the
 * Python executor.
 */
public final class TaskRunner {
    /** The result limit when a task message carries none (ARCHITECTURE.md: 10 MiB). */
    public static final long DEFAULT_MAX_RESULT_BYTES = 10L * 1024 * 1024;

    private static final String SHELL_HEADER = ShellTemplate.HEADER;
    private static final String JAVA_HEADER = JavaFunctionCode.HEADER;
    private static final Set<String> PYTHON_HEADERS = Set.of("01", "02", "03", "04", "st", "sd", "12", "10");

    private final TaskExecutor shell;
    private final TaskExecutor python;
    private final TaskExecutor java;

    public TaskRunner(TaskExecutor shell, TaskExecutor python, TaskExecutor java) {
        this.shell = shell;
        this.python = python;
        this.java = java;
    }

    public void start() {
        shell.start();
        python.start();
        java.start();
    }

    /** Stops the executors, killing a running task's processes and interrupting a running Java function. */
    public void stop() {
        shell.stop();
        python.stop();
        java.stop();
    }

    /** Stops the running task, whatever its kind, leaving the executors ready for the next one. */
    public void abort() {
        shell.abort();
        python.abort();
        java.abort();
    }

    public boolean isStarted() {
        return shell.isStarted() && python.isStarted() && java.isStarted();
    }

    public TaskOutcome run(TaskMessage task) {
        String code;
        try {
            code = codeBuffer(task.functionCode());
        } catch (ProtocolException e) {
            return TaskOutcome.failure(FailureType.DESERIALIZATION_ERROR + ": malformed function code: "
                    + e.getMessage());
        }
        long limit = task.maxResultBytes() > 0 ? task.maxResultBytes() : DEFAULT_MAX_RESULT_BYTES;
        TaskInput input = new TaskInput(task.taskId(), code, task.payload(), task.resultSerializers(), limit);
        String header = input.header();
        TaskExecutor executor = SHELL_HEADER.equals(header) ? shell
                : JAVA_HEADER.equals(header) ? java
                : PYTHON_HEADERS.contains(header) ? python : null;
        if (executor == null) {
            return TaskOutcome.failure(FailureType.DESERIALIZATION_ERROR + ": unknown function header '" + header
                    + "'; this worker runs shell (sh), Java (jv) and Python (01, 02, 03, 04, st, sd, 10, 12) functions");
        }
        TaskOutcome outcome = executor.execute(input);
        // The Python runner checks too, to avoid piping a huge result; shell and Java results are only checked here.
        if (outcome.success()) {
            long size = outcome.result().getBytes(StandardCharsets.UTF_8).length;
            if (size > limit) {
                return TaskOutcome.failure(FailureType.MAX_RESULT_SIZE_EXCEEDED + ": result of " + size
                        + " bytes exceeds the limit of " + limit + " bytes");
            }
        }
        return outcome;
    }

    /** The function's single buffer; accepts the packed form the service forwards and a bare buffer. */
    private static String codeBuffer(String functionCode) {
        if (functionCode == null || functionCode.isEmpty()) {
            throw new ProtocolException("the task has no function code");
        }
        String buffer = functionCode;
        if (SerializedBuffers.isPacked(functionCode)) {
            var buffers = SerializedBuffers.unpack(functionCode);
            if (buffers.size() != 1) {
                throw new ProtocolException("expected one packed function buffer, got " + buffers.size());
            }
            buffer = buffers.get(0);
        }
        SerializedBuffers.header(buffer);
        return buffer;
    }
}
