package org.funcfabric.worker.python;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Python interpreter the worker's slots run, checked to import dill, and the runner script
 * extracted from the worker jar.
 */
public final class PythonRuntime {
    /**
     * Tried in order when none is configured. Debian's own interpreter comes first because that is where
     * {@code apt-get install python3-dill} lands; a {@code python3} first on PATH (pyenv, venv) often lacks it.
     */
    public static final List<String> DEFAULT_CANDIDATES = List.of("/usr/bin/python3", "python3");

    private static final String PROBE = "import dill, sys; print(sys.version.split()[0], dill.__version__)";
    private static final long PROBE_TIMEOUT_SECONDS = 30;

    private final String executable;
    private final String pythonVersion;
    private final String dillVersion;
    private final Path runnerScript;

    private PythonRuntime(String executable, String pythonVersion, String dillVersion, Path runnerScript) {
        this.executable = executable;
        this.pythonVersion = pythonVersion;
        this.dillVersion = dillVersion;
        this.runnerScript = runnerScript;
    }

    /**
     * Finds the interpreter: {@code configured} if given, else the first of {@link #DEFAULT_CANDIDATES}
     * that can import dill.
     *
     * @throws PythonUnavailableException with a one-line fix when none works
     */
    public static PythonRuntime locate(String configured) throws PythonUnavailableException {
        List<String> candidates = configured == null || configured.isBlank() ? DEFAULT_CANDIDATES : List.of(configured);
        List<String> problems = new ArrayList<>();
        for (String candidate : candidates) {
            String[] versions;
            try {
                versions = probe(candidate);
            } catch (IOException e) {
                problems.add(candidate + ": " + e.getMessage());
                continue;
            }
            return new PythonRuntime(candidate, versions[0], versions[1], extractRunner());
        }
        if (configured == null || configured.isBlank()) {
            throw new PythonUnavailableException("no Python with dill found (tried " + String.join(", ", candidates)
                    + "): apt-get install python3-dill or set FABRIC_PYTHON");
        }
        throw new PythonUnavailableException("Python '" + configured + "' cannot be used (" + problems.get(0)
                + "): install dill for it (Debian: apt-get install python3-dill) or set --python / FABRIC_PYTHON"
                + " to an interpreter that has it");
    }

    /**
     * Python and dill versions.
     *
     * @throws IOException saying why when the interpreter does not run or cannot import dill
     */
    private static String[] probe(String candidate) throws IOException {
        Process p = new ProcessBuilder(candidate, "-c", PROBE).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(PROBE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("did not answer within " + PROBE_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted while checking it");
        }
        String[] versions = out.split("\\s+");
        if (p.exitValue() != 0 || versions.length != 2) {
            String[] lines = out.split("\n");
            throw new IOException(lines[lines.length - 1].strip());
        }
        return versions;
    }

    private static Path extractRunner() throws PythonUnavailableException {
        try (InputStream in = PythonRuntime.class.getResourceAsStream("runner.py")) {
            if (in == null) {
                throw new PythonUnavailableException("runner.py is missing from the worker jar; rebuild the worker");
            }
            Path script = Files.createTempFile("funcfabric-runner-", ".py");
            script.toFile().deleteOnExit();
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
            return script;
        } catch (IOException e) {
            throw new PythonUnavailableException("cannot write the Python runner to the temp directory: " + e.getMessage());
        }
    }

    public String executable() {
        return executable;
    }

    public String pythonVersion() {
        return pythonVersion;
    }

    public String dillVersion() {
        return dillVersion;
    }

    public Path runnerScript() {
        return runnerScript;
    }

    @Override
    public String toString() {
        return executable + " (Python " + pythonVersion + ", dill " + dillVersion + ")";
    }
}
