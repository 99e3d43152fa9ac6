package org.funcfabric.worker.shell;

import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.funcfabric.protocol.ProtocolJson;
import org.funcfabric.protocol.ProtocolException;
import org.funcfabric.protocol.SerializedBuffers;
import org.funcfabric.protocol.ShellTemplate;
import org.funcfabric.worker.process.ChildEnvironment;
import org.funcfabric.worker.process.ProcessTree;
import org.funcfabric.worker.process.TailBuffer;
import org.funcfabric.worker.task.JsonArguments;
import org.funcfabric.worker.task.TaskExecutor;
import org.funcfabric.worker.task.TaskFailure;
import org.funcfabric.worker.task.TaskInput;
import org.funcfabric.worker.task.TaskOutcome;

/**
 * Runs shell functions: body {@code {"cmd": "<template>", "walltime": <seconds or null>}}. The result is
 * {@code 11} JSON {@code {"returncode","stdout","stderr","cmd"}}; like Globus Compute's
 * {@code ShellFunction}, a non-zero return code is still a successful task, and walltime expiry kills
 * the command and its children and reports return code 124 (the code of coreutils {@code timeout}).
 */
public final class ShellExecutor implements TaskExecutor {
    public static final int WALLTIME_RETURN_CODE = 124;
    /** Per stream; the tail is kept, and both together stay well under the 10 MiB result limit. */
    public static final int OUTPUT_CAP_BYTES = 1024 * 1024;

    private static final Logger LOG = Logger.getLogger(ShellExecutor.class.getName());
    /** How long to wait for output after the command exits; a leftover background job may hold the pipe. */
    private static final Duration OUTPUT_GRACE = Duration.ofSeconds(2);
    private static final File DEV_NULL = new File("/dev/null");

    private final List<String> launcher;
    private final Set<Process> running = ConcurrentHashMap.newKeySet();
    private volatile boolean started;

    public ShellExecutor() {
        // setsid gives each command its own process group, so walltime expiry can kill background jobs too.
        Path setsid = Path.of("/usr/bin/setsid");
        launcher = Files.isExecutable(setsid)
                ? List.of(setsid.toString(), "-w", "/bin/sh", "-c")
                : List.of("/bin/sh", "-c");
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

    @Override
    public void abort() {
        running.forEach(p -> ProcessTree.kill(p.toHandle()));
    }

    @Override
    public boolean isStarted() {
        return started;
    }

    @Override
    public TaskOutcome execute(TaskInput input) {
        try {
            JsonObject function = parseFunction(SerializedBuffers.body(input.codeBuffer()));
            String template = function.getString("cmd");
            Duration walltime = walltime(function.get("walltime"));
            JsonArguments arguments = JsonArguments.parse(input.payload(), "shell functions");
            String cmd = command(template, arguments);
            return TaskOutcome.success("11\n" + run(cmd, walltime));
        } catch (TaskFailure e) {
            return e.outcome();
        } catch (IOException e) {
            return TaskOutcome.failure("OSError: cannot start /bin/sh: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return TaskOutcome.failure("InterruptedError: the worker interrupted the command");
        }
    }

    /**
     * The template checked again here, since a function registered before the service checked templates
     * reaches the worker unchecked, and filled: strings bare, any other JSON value as compact JSON.
     */
    private static String command(String template, JsonArguments arguments) throws TaskFailure {
        ShellTemplate checked;
        try {
            checked = ShellTemplate.parse(template);
        } catch (ProtocolException e) {
            throw new TaskFailure("ValueError: shell template refused: " + e.getMessage());
        }
        Map<String, String> values = new HashMap<>();
        for (String name : checked.names()) {
            JsonValue value = argument(name, arguments);
            if (value == null) {
                throw new TaskFailure("KeyError: missing argument '" + name + "' for shell template");
            }
            values.put(name, value instanceof JsonString s ? s.getString() : value.toString());
        }
        return checked.fill(values::get);
    }

    /** As in {@code str.format}: a name of digits is a position in args, any other a key of kwargs. */
    private static JsonValue argument(String name, JsonArguments arguments) {
        if (!name.chars().allMatch(Character::isDigit)) {
            return arguments.kwargs().get(name);
        }
        List<JsonValue> args = arguments.args();
        try {
            int index = Integer.parseInt(name);
            return index < args.size() ? args.get(index) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static JsonObject parseFunction(String body) throws TaskFailure {
        JsonValue value;
        try (var reader = ProtocolJson.jsonP().createReader(new StringReader(body))) {
            value = reader.readValue();
        } catch (JsonException e) {
            throw new TaskFailure("ValueError: malformed shell function, expected"
                    + " {\"cmd\": \"<template>\", \"walltime\": <seconds or null>}: " + e.getMessage());
        }
        if (!(value instanceof JsonObject function) || !(function.get("cmd") instanceof JsonString)) {
            throw new TaskFailure("ValueError: malformed shell function, expected"
                    + " {\"cmd\": \"<template>\", \"walltime\": <seconds or null>}");
        }
        return function;
    }

    private static Duration walltime(JsonValue value) throws TaskFailure {
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (!(value instanceof JsonNumber seconds) || seconds.doubleValue() <= 0) {
            throw new TaskFailure("ValueError: walltime must be a positive number of seconds or null, got "
                    + value);
        }
        return Duration.ofNanos((long) (seconds.doubleValue() * 1e9));
    }

    private String run(String cmd, Duration walltime) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(launcher);
        command.add(cmd);
        Process process = ChildEnvironment.forUserCode(new ProcessBuilder(command)).redirectInput(DEV_NULL).start();
        running.add(process);
        try {
            if (!started) {
                // stop() ran between the check in the slot and now; do not leave the command behind.
                ProcessTree.kill(process.toHandle());
            }
            TailBuffer stdout = new TailBuffer(OUTPUT_CAP_BYTES);
            TailBuffer stderr = new TailBuffer(OUTPUT_CAP_BYTES);
            Thread outReader = drain(process.getInputStream(), stdout, process.pid() + "-out");
            Thread errReader = drain(process.getErrorStream(), stderr, process.pid() + "-err");
            boolean expired = false;
            if (walltime == null) {
                process.waitFor();
            } else if (!process.waitFor(walltime.toNanos(), TimeUnit.NANOSECONDS)) {
                expired = true;
                LOG.fine(() -> "walltime of " + walltime.toMillis() + " ms expired, killing: " + cmd);
                ProcessTree.kill(process.toHandle());
                process.waitFor();
            }
            long outputDeadline = System.nanoTime() + OUTPUT_GRACE.toNanos();
            outReader.join(Math.max(1, (outputDeadline - System.nanoTime()) / 1_000_000));
            errReader.join(Math.max(1, (outputDeadline - System.nanoTime()) / 1_000_000));
            int returnCode = expired ? WALLTIME_RETURN_CODE : process.exitValue();
            return ProtocolJson.jsonP().createObjectBuilder()
                    .add("returncode", returnCode)
                    .add("stdout", stdout.text())
                    .add("stderr", stderr.text())
                    .add("cmd", cmd)
                    .build()
                    .toString();
        } finally {
            running.remove(process);
            if (process.isAlive()) {
                ProcessTree.kill(process.toHandle());
            }
        }
    }

    private static Thread drain(InputStream in, TailBuffer into, String name) {
        Thread t = new Thread(() -> {
            try (in) {
                into.drain(in);
            } catch (IOException e) {
                // The stream closes under us when the process is killed; what was read is kept.
                LOG.finest(() -> "output stream " + name + " closed: " + e);
            }
        }, "shell-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
