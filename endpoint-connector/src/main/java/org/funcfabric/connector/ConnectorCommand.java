package org.funcfabric.connector;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityRuntimeException;

import org.funcfabric.connector.command.CommandListener;
import org.funcfabric.connector.heartbeat.HeartbeatPublisher;
import org.funcfabric.connector.provider.LocalProcessProvider;
import org.funcfabric.connector.provider.OwnerOnlyFiles;
import org.funcfabric.connector.provider.WorkerLaunch;
import org.funcfabric.connector.registration.EndpointRegistration;
import org.funcfabric.connector.registration.EndpointStateFile;
import org.funcfabric.connector.registration.QueueInfo;
import org.funcfabric.connector.registration.RegistrationClient;
import org.funcfabric.connector.registration.RegistrationException;
import org.funcfabric.protocol.AllowedFunctions;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar funcfabric-connector.jar}: registers an endpoint with the FuncFabric service, runs
 * its workers on this machine and reports its heartbeats until SIGTERM or Ctrl-C. Options fall back
 * to the {@code FABRIC_*} variables named in their descriptions. A setting to fix ends the process
 * with one line on stderr and exit code 2.
 */
@Command(name = "funcfabric-connector", sortOptions = false,
        description = "Registers a FuncFabric endpoint, runs its workers and sends its heartbeats.")
public final class ConnectorCommand implements Callable<Integer> {
    private static final Logger LOG = Logger.getLogger(ConnectorCommand.class.getName());
    private static final Pattern ENDPOINT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    @Option(names = "--service", paramLabel = "URL", defaultValue = "${env:FABRIC_SERVICE_URL}",
            description = "Base URL of the FuncFabric service, e.g. http://127.0.0.1:8080 (FABRIC_SERVICE_URL).")
    private String service;

    @Option(names = "--token", paramLabel = "FILE", defaultValue = "${env:FABRIC_TOKEN_FILE}",
            description = "File holding the user's JWT (FABRIC_TOKEN_FILE).")
    private Path tokenFile;

    @Option(names = "--name", paramLabel = "NAME", required = true,
            description = "Endpoint name: letters, digits, '.', '_' and '-'.")
    private String name;

    @Option(names = "--slots", paramLabel = "N", defaultValue = "${env:FABRIC_WORKER_SLOTS:-2}",
            description = "Task slots per worker (FABRIC_WORKER_SLOTS; default ${DEFAULT-VALUE}).")
    private int slots;

    @Option(names = "--workers", paramLabel = "W", defaultValue = "1",
            description = "Worker processes (default ${DEFAULT-VALUE}).")
    private int workers;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "State directory, owner-only: endpoint.json, logs/, workers/, spool/"
                    + " (default ~/.funcfabric/endpoints/NAME).")
    private Path dir;

    @Option(names = "--heartbeat-period", paramLabel = "SECONDS",
            defaultValue = "${env:FABRIC_HEARTBEAT_PERIOD:-30}",
            description = "Seconds between heartbeats (FABRIC_HEARTBEAT_PERIOD; default ${DEFAULT-VALUE}).")
    private int heartbeatPeriod;

    @Option(names = "--worker-jar", paramLabel = "PATH", defaultValue = "${env:FABRIC_WORKER_JAR}",
            description = "The worker jar (FABRIC_WORKER_JAR; default funcfabric-worker.jar beside this jar).")
    private Path workerJar;

    @Option(names = "--python", paramLabel = "PATH", defaultValue = "${env:FABRIC_PYTHON}",
            description = "Python interpreter for the workers, passed on as FABRIC_PYTHON (FABRIC_PYTHON).")
    private String python;

    @Option(names = "--task-timeout", paramLabel = "SECONDS", defaultValue = "${env:FABRIC_TASK_TIMEOUT_S:-0}",
            description = "How long a task that sets no timeout_s may run before it fails with TaskTimeout; 0 for"
                    + " no limit. Passed to the workers as FABRIC_TASK_TIMEOUT_S (default ${DEFAULT-VALUE}).")
    private double taskTimeout;

    @Option(names = "--allowed-function", paramLabel = "UUID", split = ",",
            defaultValue = "${env:FABRIC_ALLOWED_FUNCTIONS}",
            description = "A function this endpoint may run; repeat for several. The service then accepts tasks of"
                    + " these functions only, and the workers refuse any other with FunctionNotPermitted"
                    + " (FABRIC_ALLOWED_FUNCTIONS, comma-separated; default any function).")
    private List<String> allowedFunctions;

    @Option(names = "--broker-url", paramLabel = "URL",
            description = "Broker URL to use instead of the one the service returns, where this machine"
                    + " reaches the broker by another address.")
    private String brokerUrl;

    @Option(names = "--service-wait", paramLabel = "SECONDS", defaultValue = "${env:FABRIC_SERVICE_WAIT:-60}",
            description = "How long to keep trying while the service is unreachable (FABRIC_SERVICE_WAIT;"
                    + " default ${DEFAULT-VALUE}).")
    private int serviceWait;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        configureLogging();
        System.exit(commandLine().execute(args));
    }

    /** The command with its error handling: one line on stderr per failure, exit code 2 or 1. */
    static CommandLine commandLine() {
        return new CommandLine(new ConnectorCommand())
                .setParameterExceptionHandler((e, args) -> {
                    e.getCommandLine().getErr().println("connector: " + e.getMessage() + " (see --help)");
                    return ConnectorFailure.FIX_CONFIGURATION;
                })
                .setExecutionExceptionHandler((e, commandLine, parseResult) -> {
                    if (e instanceof ConnectorFailure failure) {
                        commandLine.getErr().println("connector: " + failure.getMessage());
                        return failure.exitCode();
                    }
                    throw e;
                });
    }

    @Override
    public Integer call() throws InterruptedException {
        validate();
        AllowedFunctions allowed = allowedFunctions();
        URI serviceUrl = serviceUrl();
        String token = token();
        Path worker = workerJar();
        Path stateDir = dir != null ? dir : Path.of(System.getProperty("user.home"), ".funcfabric", "endpoints", name);

        EndpointRegistration registration = register(serviceUrl, token, stateDir, allowed);
        EndpointInterchange interchange = interchange(registration, stateDir, worker, allowed);
        CountDownLatch stopped = new CountDownLatch(1);
        PrintWriter out = spec.commandLine().getOut();
        CommandListener commands = new CommandListener(brokerAddress(registration.commandQueueInfo()),
                registration.endpointId(), registration.trustedSender(), () -> {
                    out.println("connector: endpoint " + name + " was locked or deleted in the service; stopping."
                            + " Start the connector again once the lock has expired.");
                    out.flush();
                    // a requested stop, not a failure: exit 0 through the same shutdown as SIGTERM
                    System.exit(0);
                });
        Thread shutdown = new Thread(() -> {
            commands.stop();
            interchange.stop();
            // on stdout: java.util.logging closes its handlers in a shutdown hook of its own
            out.println("connector: stopped");
            out.flush();
            stopped.countDown();
        }, "connector-shutdown");
        // before starting, so that a SIGTERM while the broker connection is retried still stops the workers
        Runtime.getRuntime().addShutdownHook(shutdown);
        try {
            start(interchange, registration);
        } catch (ConnectorFailure e) {
            Runtime.getRuntime().removeShutdownHook(shutdown);
            throw e;
        }
        listen(commands);
        out.println("connector: endpoint " + name + " registered as " + registration.endpointId() + "; "
                + workers + " worker(s) x " + slots + " slots");
        out.flush();
        stopped.await();
        return 0;
    }

    private EndpointRegistration register(URI serviceUrl, String token, Path stateDir, AllowedFunctions allowed) {
        try {
            // Before anything is written there: it will hold the broker password, logs and spooled results.
            OwnerOnlyFiles.directory(stateDir);
        } catch (IOException e) {
            throw configError("cannot create the endpoint directory " + stateDir + " (" + e + "): set --dir");
        }
        EndpointStateFile state = new EndpointStateFile(stateDir.resolve("endpoint.json"));
        try {
            return new RegistrationClient(serviceUrl, token, state, Duration.ofSeconds(serviceWait))
                    .register(name, allowed);
        } catch (RegistrationException e) {
            throw new ConnectorFailure(e.getMessage(),
                    e.mustFixConfiguration() ? ConnectorFailure.FIX_CONFIGURATION : ConnectorFailure.FAILED, e);
        }
    }

    private EndpointInterchange interchange(EndpointRegistration registration, Path stateDir, Path worker,
                                            AllowedFunctions allowed) {
        QueueInfo tasks = brokerAddress(registration.taskQueueInfo());
        Map<String, String> environment = new LinkedHashMap<>();
        putIfPresent(environment, "FABRIC_BROKER_URL", tasks.connectionUrl());
        putIfPresent(environment, "FABRIC_BROKER_USER", tasks.username());
        putIfPresent(environment, "FABRIC_ENDPOINT_ID", registration.endpointId());
        environment.put("FABRIC_SERVICE_BROKER_USER", registration.trustedSender().user());
        putIfPresent(environment, "FABRIC_WORKER_SLOTS", String.valueOf(slots));
        putIfPresent(environment, "FABRIC_PYTHON", python);
        putIfPresent(environment, "FABRIC_TASK_TIMEOUT_S", String.valueOf(taskTimeout));
        // Set even when empty (any function): the workers then check exactly what was registered, never a list
        // they would inherit from this process's environment while --allowed-function overrode it.
        environment.put("FABRIC_ALLOWED_FUNCTIONS", allowed.toString());
        // Under the endpoint's directory, so a restarted worker of this endpoint finds what its predecessor spooled.
        putIfPresent(environment, "FABRIC_WORKER_SPOOL", stateDir.resolve("spool").toString());
        WorkerLaunch launch = new WorkerLaunch(WorkerLaunch.currentJava(), worker, environment, tasks.password(), name,
                stateDir.resolve("logs"), stateDir.resolve("workers"));
        LocalProcessProvider provider = new LocalProcessProvider(launch, workers);
        HeartbeatPublisher heartbeats = new HeartbeatPublisher(brokerAddress(registration.heartbeatQueueInfo()),
                registration.endpointId(), Duration.ofSeconds(heartbeatPeriod), provider::liveWorkers, slots,
                tasks.queue());
        return new EndpointInterchange(provider, heartbeats);
    }

    private void start(EndpointInterchange interchange, EndpointRegistration registration) {
        String broker = brokerAddress(registration.heartbeatQueueInfo()).connectionUrl();
        try {
            interchange.start();
        } catch (IOException e) {
            throw new ConnectorFailure("cannot start the workers (" + e.getMessage() + ")",
                    ConnectorFailure.FAILED, e);
        } catch (JMSSecurityRuntimeException e) {
            throw new ConnectorFailure("the broker at " + broker + " refused the endpoint's credential ("
                    + e.getMessage() + "): check the service's broker settings", ConnectorFailure.FIX_CONFIGURATION, e);
        } catch (JMSRuntimeException e) {
            throw new ConnectorFailure("cannot reach the broker at " + broker + " (" + e.getMessage()
                    + "): set --broker-url to an address of the broker this machine can reach",
                    ConnectorFailure.FIX_CONFIGURATION, e);
        }
    }

    /**
     * Without its command subscription the connector still runs tasks; it just cannot be stopped
     * remotely, which a lock then shows as refused re-registrations only.
     */
    private static void listen(CommandListener commands) {
        try {
            commands.start();
        } catch (JMSRuntimeException e) {
            LOG.warning(() -> "not listening for the service's commands (" + e.getMessage()
                    + "): locking this endpoint will not stop this connector");
        }
    }

    private QueueInfo brokerAddress(QueueInfo fromService) {
        return brokerUrl == null ? fromService : fromService.withConnectionUrl(brokerUrl);
    }

    private URI serviceUrl() {
        if (service == null || service.isBlank()) {
            throw configError("missing --service URL (or FABRIC_SERVICE_URL)");
        }
        try {
            URI uri = new URI(service.strip());
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw configError("--service must be an http or https URL: " + service);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw configError("--service is not a URL: " + service);
        }
    }

    private AllowedFunctions allowedFunctions() {
        try {
            return AllowedFunctions.of(allowedFunctions);
        } catch (IllegalArgumentException e) {
            throw configError(e.getMessage());
        }
    }

    private String token() {
        if (tokenFile == null) {
            throw configError("missing --token FILE (or FABRIC_TOKEN_FILE)");
        }
        try {
            String token = Files.readString(tokenFile).strip();
            if (token.isEmpty()) {
                throw configError("the token file " + tokenFile + " is empty: put the JWT in it");
            }
            return token;
        } catch (IOException e) {
            throw configError("cannot read the token file " + tokenFile + " (" + e.getClass().getSimpleName()
                    + "): set --token or FABRIC_TOKEN_FILE");
        }
    }

    /** The worker jar; by default the one shipped beside the connector's own jar. */
    private Path workerJar() {
        Path jar = workerJar != null ? workerJar : besideThisJar().resolve("funcfabric-worker.jar");
        if (!Files.isRegularFile(jar)) {
            throw configError("the worker jar " + jar + " does not exist: set --worker-jar or FABRIC_WORKER_JAR");
        }
        return jar.toAbsolutePath();
    }

    private static Path besideThisJar() {
        try {
            Path location = Path.of(ConnectorCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return location.toAbsolutePath().getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the connector's own location is not a path", e);
        }
    }

    private void validate() {
        if (!ENDPOINT_NAME.matcher(name).matches()) {
            throw configError("--name '" + name + "' must be 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        requireAtLeast("--slots", slots, 1);
        requireAtLeast("--workers", workers, 1);
        requireAtLeast("--heartbeat-period", heartbeatPeriod, 1);
        requireAtLeast("--service-wait", serviceWait, 1);
    }

    private void requireAtLeast(String option, int value, int minimum) {
        if (value < minimum) {
            throw configError(option + " must be at least " + minimum + ": " + value);
        }
    }

    private static ConnectorFailure configError(String message) {
        return new ConnectorFailure(message, ConnectorFailure.FIX_CONFIGURATION, null);
    }

    private static void putIfPresent(Map<String, String> environment, String name, String value) {
        if (value != null) {
            environment.put(name, value);
        }
    }

    /** The compact one-line format, unless the user supplied a logging configuration. */
    private static void configureLogging() {
        if (System.getProperty("java.util.logging.config.file") != null) {
            return;
        }
        try (InputStream in = ConnectorCommand.class.getResourceAsStream("logging.properties")) {
            LogManager.getLogManager().readConfiguration(in);
        } catch (IOException e) {
            throw new IllegalStateException("logging.properties missing from the connector jar", e);
        }
    }
}
