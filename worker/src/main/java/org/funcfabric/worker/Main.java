package org.funcfabric.worker;

import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.funcfabric.protocol.AllowedFunctions;
import org.funcfabric.protocol.Destinations;
import org.funcfabric.protocol.TrustedSender;
import org.funcfabric.worker.python.PythonRuntime;
import org.funcfabric.worker.python.PythonUnavailableException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code funcfabric-worker} command. Every option can also come from an environment variable (the
 * connector starts workers that way). The broker password is read from an owner-only file (the connector's
 * way) or, for a worker started by hand, from {@code FABRIC_BROKER_PASSWORD}, never from the command line,
 * which other users can read in the process list; no process the worker starts for a function inherits
 * either variable. A configuration problem ends the process with exit code 2 and one line on stderr saying
 * what to fix.
 */
@Command(name = "funcfabric-worker", sortOptions = false, usageHelpAutoWidth = true,
        description = "Runs FuncFabric tasks of one endpoint: takes them from the endpoint's queue on the broker,"
                + " runs them (Python, shell, Java) in N slots and sends the results back.%n"
                + "The broker password is read from --broker-password-file, else from the environment variable"
                + " FABRIC_BROKER_PASSWORD.")
public final class Main implements Callable<Integer> {
    static final int CONFIG_ERROR = 2;
    static final String PASSWORD_VARIABLE = "FABRIC_BROKER_PASSWORD";

    static {
        // Before any logger exists: keeps the log alive while the shutdown hook stops the worker.
        System.setProperty("java.util.logging.manager", WorkerLogManager.class.getName());
    }

    private static final Logger LOG = Logger.getLogger(Main.class.getName());

    @Option(names = "--broker-url", defaultValue = "${env:FABRIC_BROKER_URL}", paramLabel = "URL",
            description = "Artemis broker, e.g. tcp://127.0.0.1:61616 (env FABRIC_BROKER_URL; required)")
    private String brokerUrl;

    @Option(names = "--broker-user", defaultValue = "${env:FABRIC_BROKER_USER}", paramLabel = "USER",
            description = "broker user (env FABRIC_BROKER_USER)")
    private String brokerUser;

    @Option(names = "--broker-password-file", defaultValue = "${env:FABRIC_BROKER_PASSWORD_FILE}",
            paramLabel = "FILE", description = "file holding the broker password, readable by its owner only"
                    + " (env FABRIC_BROKER_PASSWORD_FILE; default the variable FABRIC_BROKER_PASSWORD)")
    private Path brokerPasswordFile;

    @Option(names = "--service-user", defaultValue = "${env:FABRIC_SERVICE_BROKER_USER:-"
            + Destinations.DEFAULT_SERVICE_USER + "}", paramLabel = "USER",
            description = "the service's broker user: tasks and commands the broker says anyone else sent are"
                    + " dropped unrun (env FABRIC_SERVICE_BROKER_USER; default ${DEFAULT-VALUE})")
    private String serviceUser;

    @Option(names = "--endpoint-id", defaultValue = "${env:FABRIC_ENDPOINT_ID}", paramLabel = "ID",
            description = "the endpoint whose tasks to run (env FABRIC_ENDPOINT_ID; required)")
    private String endpointId;

    @Option(names = "--queue", defaultValue = "${env:FABRIC_QUEUE}", paramLabel = "NAME",
            description = "task queue (env FABRIC_QUEUE; default fabric.tasks.<endpoint-id>)")
    private String queue;

    @Option(names = "--slots", defaultValue = "${env:FABRIC_WORKER_SLOTS:-2}", paramLabel = "N",
            description = "tasks run at the same time (env FABRIC_WORKER_SLOTS; default ${DEFAULT-VALUE})")
    private int slots;

    @Option(names = "--worker-id", defaultValue = "${env:FABRIC_WORKER_ID}", paramLabel = "ID",
            description = "this worker's id in results and logs (env FABRIC_WORKER_ID; default a random UUID)")
    private String workerId;

    @Option(names = "--python", defaultValue = "${env:FABRIC_PYTHON}", paramLabel = "PATH",
            description = "Python interpreter with dill (env FABRIC_PYTHON; default the first of /usr/bin/python3,"
                    + " python3 that can import dill)")
    private String python;

    @Option(names = "--jar-cache", defaultValue = "${env:FABRIC_JAR_CACHE}", paramLabel = "DIR",
            description = "where the jars of Java functions are kept, one file per SHA-256 (env FABRIC_JAR_CACHE;"
                    + " default ~/.funcfabric/jar-cache)")
    private String jarCache;

    @Option(names = "--stop-grace", defaultValue = "${env:FABRIC_STOP_GRACE:-5}", paramLabel = "SECONDS",
            description = "on stop, how long running tasks may finish before they are given back to the broker"
                    + " (env FABRIC_STOP_GRACE; default ${DEFAULT-VALUE})")
    private double stopGrace;

    @Option(names = "--default-timeout", defaultValue = "${env:FABRIC_TASK_TIMEOUT_S:-0}", paramLabel = "SECONDS",
            description = "how long a task that sets no timeout_s may run before it fails with TaskTimeout; 0 for no"
                    + " limit (env FABRIC_TASK_TIMEOUT_S; default ${DEFAULT-VALUE})")
    private double defaultTimeout;

    @Option(names = "--spool", defaultValue = "${env:FABRIC_WORKER_SPOOL}", paramLabel = "DIR",
            description = "where results that could not be sent wait until the broker is back (env"
                    + " FABRIC_WORKER_SPOOL; default ~/.funcfabric/spool/<endpoint-id>)")
    private String spool;

    @Option(names = "--allowed-function", defaultValue = "${env:FABRIC_ALLOWED_FUNCTIONS}", split = ",",
            paramLabel = "UUID", description = "a function whose tasks may run here; repeat for several. Tasks of any"
                    + " other function fail with FunctionNotPermitted without running (env FABRIC_ALLOWED_FUNCTIONS,"
                    + " comma-separated; default any function)")
    private List<String> allowedFunctions;

    @Option(names = "--log-level", defaultValue = "${env:FABRIC_LOG_LEVEL:-INFO}", paramLabel = "LEVEL",
            description = "java.util.logging level: SEVERE, WARNING, INFO, FINE… (env FABRIC_LOG_LEVEL;"
                    + " default ${DEFAULT-VALUE})")
    private String logLevel;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    private boolean help;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command with the worker's error handling: one line on stderr and exit code 2 for bad input. */
    static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new Main());
        cmd.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println("worker: " + oneLine(e.getMessage()) + " (see --help)");
            return CONFIG_ERROR;
        });
        cmd.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (e instanceof ConfigurationException) {
                err.println("worker: " + oneLine(e.getMessage()));
                return CONFIG_ERROR;
            }
            err.println("worker: unexpected error: " + oneLine(String.valueOf(e)));
            e.printStackTrace(err);
            return 1;
        });
        return cmd;
    }

    @Override
    public Integer call() throws Exception {
        Level level;
        WorkerConfig config;
        try {
            level = Level.parse(logLevel.trim().toUpperCase(Locale.ROOT));
            config = new WorkerConfig(brokerUrl, brokerUser, brokerPassword(), endpointId,
                    queue, slots, workerId == null || workerId.isBlank() ? UUID.randomUUID().toString() : workerId,
                    Duration.ofMillis(Math.round(stopGrace * 1000)),
                    jarCache == null || jarCache.isBlank() ? null : Path.of(jarCache),
                    Duration.ofMillis(Math.round(defaultTimeout * 1000)),
                    spool == null || spool.isBlank() ? null : Path.of(spool),
                    AllowedFunctions.of(allowedFunctions), new TrustedSender(serviceUser));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
        WorkerLogging.configure(config.workerId(), level);

        PythonRuntime runtime;
        try {
            runtime = PythonRuntime.locate(python);
        } catch (PythonUnavailableException e) {
            throw new ConfigurationException(e.getMessage());
        }
        LOG.info(() -> "Python for tasks: " + runtime);

        Worker worker = new Worker(config, runtime);
        try {
            worker.start();
        } catch (JMSException e) {
            throw new ConfigurationException(brokerProblem(config, e));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage() + ": check --broker-url / FABRIC_BROKER_URL");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(worker::stop, "worker-shutdown"));
        worker.awaitStopped();
        return worker.brokerLost() ? 1 : 0;
    }

    private String brokerPassword() throws ConfigurationException {
        if (brokerPasswordFile == null) {
            return System.getenv(PASSWORD_VARIABLE);
        }
        String password;
        try {
            password = Files.readString(brokerPasswordFile).strip();
        } catch (IOException e) {
            throw new ConfigurationException("cannot read the broker password file " + brokerPasswordFile + " ("
                    + e + "): check --broker-password-file / FABRIC_BROKER_PASSWORD_FILE");
        }
        if (password.isEmpty()) {
            throw new ConfigurationException("the broker password file " + brokerPasswordFile + " is empty");
        }
        return password;
    }

    private static String brokerProblem(WorkerConfig config, JMSException e) {
        if (e instanceof JMSSecurityException) {
            return "the broker at " + config.brokerUrl() + " refused user '" + config.brokerUser() + "' ("
                    + reason(e) + "): check --broker-user / FABRIC_BROKER_USER and the broker password (--broker-password-file or"
                    + " FABRIC_BROKER_PASSWORD)";
        }
        return "cannot connect to the broker at " + config.brokerUrl() + " (" + reason(e)
                + "): check --broker-url / FABRIC_BROKER_URL and that the broker is running";
    }

    /** The exception's message and, when it wraps one, its cause's: Artemis puts the useful part there. */
    private static String reason(Exception e) {
        Throwable cause = e.getCause();
        return cause == null || cause.getMessage() == null ? e.getMessage() : e.getMessage() + ": " + cause.getMessage();
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** Bad configuration or environment, reported as one line with exit code 2. */
    static final class ConfigurationException extends Exception {
        ConfigurationException(String message) {
            super(message);
        }
    }
}
