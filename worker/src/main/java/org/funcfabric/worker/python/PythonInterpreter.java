package org.funcfabric.worker.python;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.funcfabric.worker.process.ChildEnvironment;
import org.funcfabric.worker.process.ProcessTree;

/**
 * One running {@code runner.py} process: request lines go to its stdin, reply lines come from its
 * stdout, and its stderr (the user's prints) is drained into the worker log, keeping the last lines for
 * the report when the interpreter dies.
 */
final class PythonInterpreter {
    private static final Logger LOG = Logger.getLogger(PythonInterpreter.class.getName());
    private static final int STDERR_TAIL_LINES = 20;

    private final Process process;
    private final Writer requests;
    private final BufferedReader replies;
    private final Thread stderrDrain;
    private final Deque<String> stderrTail = new ArrayDeque<>();

    private PythonInterpreter(Process process, String name) {
        this.process = process;
        this.requests = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        // No line length limit: a request or reply line carries whole payloads and results (10 MiB and more).
        this.replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.stderrDrain = new Thread(() -> drainStderr(name), name + "-stderr");
        stderrDrain.setDaemon(true);
        stderrDrain.start();
    }

    static PythonInterpreter start(PythonRuntime runtime, String name) throws IOException {
        // -u: the user's prints reach the log as they happen, not when a buffer fills.
        Process process = ChildEnvironment.forUserCode(
                new ProcessBuilder(runtime.executable(), "-u", runtime.runnerScript().toString())).start();
        LOG.fine(() -> name + ": started Python interpreter pid " + process.pid());
        return new PythonInterpreter(process, name);
    }

    /**
     * Sends one request line and waits for its reply line.
     *
     * @throws IOException when the interpreter is gone (end of stream or broken pipe)
     */
    String call(String requestLine) throws IOException {
        requests.write(requestLine);
        requests.write('\n');
        requests.flush();
        String reply = replies.readLine();
        if (reply == null) {
            throw new EOFException("the interpreter closed its output");
        }
        return reply;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    void kill() {
        ProcessTree.kill(process.toHandle());
    }

    /** The exit code once the process has ended, waiting at most {@code wait}; empty if it still runs. */
    OptionalInt awaitExit(Duration wait) throws InterruptedException {
        if (!process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            return OptionalInt.empty();
        }
        // Let the drain thread read the last words, which usually say why the interpreter died.
        stderrDrain.join(wait.toMillis());
        return OptionalInt.of(process.exitValue());
    }

    List<String> stderrTail() {
        synchronized (stderrTail) {
            return List.copyOf(stderrTail);
        }
    }

    private void drainStderr(String name) {
        try (BufferedReader err = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line = err.readLine(); line != null; line = err.readLine()) {
                String text = line;
                LOG.info(() -> name + " python: " + text);
                synchronized (stderrTail) {
                    if (stderrTail.size() == STDERR_TAIL_LINES) {
                        stderrTail.removeFirst();
                    }
                    stderrTail.addLast(text);
                }
            }
        } catch (IOException e) {
            LOG.finest(() -> name + ": interpreter stderr closed: " + e);
        }
    }
}
