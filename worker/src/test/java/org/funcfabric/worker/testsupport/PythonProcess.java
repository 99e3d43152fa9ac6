package org.funcfabric.worker.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Runs a Python snippet on the test's interpreter, e.g. to produce a dill buffer or decode a result. */
public final class PythonProcess {
    private PythonProcess() {
    }

    /** Runs {@code python -c code} with {@code stdin} and returns its stdout; fails on a non-zero exit. */
    public static String run(String python, String code, String stdin) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(python, "-c", code).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("python -c failed: " + code);
        }
        return out;
    }
}
