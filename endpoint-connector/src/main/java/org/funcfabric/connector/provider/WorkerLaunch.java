package org.funcfabric.connector.provider;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to start this endpoint's workers and where their files go.
 *
 * @param java        the {@code java} binary
 * @param workerJar   the runnable worker jar
 * @param environment variables every worker gets (broker URL and user, endpoint id, slots…); no secret:
 *                    whatever a worker has in its environment, the Java functions it runs can read
 * @param brokerPassword the endpoint's broker password, or null for none; handed to the workers in an
 *                    owner-only file, never in their environment or on their command line, which other
 *                    users can read
 * @param workerName  prefix of each worker's id, usually the endpoint name
 * @param logDir      {@code worker-<n>.log} files, stdout and stderr appended
 * @param pidDir      {@code worker-<n>.pid} files, one per live worker, and the broker password file
 */
public record WorkerLaunch(Path java, Path workerJar, Map<String, String> environment, String brokerPassword,
                           String workerName, Path logDir, Path pidDir) {
    /** The variable that carries each worker's own id. */
    public static final String WORKER_ID = "FABRIC_WORKER_ID";
    /** The variable naming the file that holds the broker password. */
    static final String PASSWORD_FILE = "FABRIC_BROKER_PASSWORD_FILE";
    private static final List<String> SECRET_WORDS = List.of("PASSWORD", "SECRET", "TOKEN", "KEY");

    public WorkerLaunch {
        Objects.requireNonNull(java, "java");
        Objects.requireNonNull(workerJar, "workerJar");
        environment = Map.copyOf(environment);
        Objects.requireNonNull(workerName, "workerName");
        Objects.requireNonNull(logDir, "logDir");
        Objects.requireNonNull(pidDir, "pidDir");
    }

    /** The {@code java} that runs this process, so workers run on the same runtime as the connector. */
    public static Path currentJava() {
        return ProcessHandle.current().info().command().map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java"));
    }

    /** Without the password. */
    @Override
    public String toString() {
        return "WorkerLaunch[java=" + java + ", workerJar=" + workerJar + ", workerName=" + workerName + "]";
    }

    Path logFile(int index) {
        return logDir.resolve("worker-" + index + ".log");
    }

    /**
     * Whether an inherited variable holds or leads to a secret ({@code FABRIC_BROKER_PASSWORD}, the launcher's
     * key store password, the user's token file): a worker needs none of them, and the Java functions it runs
     * could read them.
     */
    static boolean isSecret(String variable) {
        return variable.startsWith("FABRIC_") && SECRET_WORDS.stream().anyMatch(variable::contains);
    }

    Path passwordFile() {
        return pidDir.resolve("broker-password");
    }

    Path pidFile(int index) {
        return pidDir.resolve("worker-" + index + ".pid");
    }
}
