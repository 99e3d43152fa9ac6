package org.funcfabric.launcher.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.funcfabric.launcher.auth.DevTokens;
import org.funcfabric.launcher.auth.SigningKeys;
import org.funcfabric.launcher.config.TlsSettings;
import org.funcfabric.launcher.config.UpSettings;
import org.funcfabric.launcher.home.Library;
import org.funcfabric.launcher.home.RunHome;
import org.funcfabric.launcher.home.RunLock;
import org.funcfabric.launcher.home.Secrets;
import org.funcfabric.launcher.process.Backoff;
import org.funcfabric.launcher.process.ChildExitedException;
import org.funcfabric.launcher.process.ChildProcess;
import org.funcfabric.launcher.process.LogTail;
import org.funcfabric.launcher.process.PidFile;
import org.funcfabric.launcher.process.Ports;
import org.funcfabric.launcher.process.Supervisor;
import org.funcfabric.launcher.process.Wait;

/**
 * The whole of FuncFabric on one machine: broker, service and, optionally, a local endpoint, each a
 * child process of the launcher. {@link #start()} brings them up in dependency order and returns once
 * every one is ready; {@link #stop()} takes them down in reverse order, so that nothing loses the
 * broker while still using it. Safe to stop from a shutdown hook while {@code start()} is running.
 *
 * <p>Once started, the stack restarts any of its processes that dies ({@link Supervisor}, with
 * back-off). A restart runs the same command line in the same run directory, which holds all their
 * state (the broker journal, the H2 database, the connector's endpoint id), so the new process
 * resumes where the old one stopped.
 */
public final class LocalStack {
    static final Duration BROKER_DEADLINE = Duration.ofSeconds(60);
    static final Duration CONNECTOR_DEADLINE = Duration.ofSeconds(60);
    static final Duration STOP_GRACE = Duration.ofSeconds(30);
    static final List<String> DEV_GROUPS = List.of("user", "admin");
    static final Duration READY_POLL = Duration.ofMillis(250);
    private static final int EVIDENCE_LINES = 20;

    private final UpSettings settings;
    private final RunHome home;
    private final Library library;
    private final Consumer<String> log;
    private final String java;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final PidFile pidFile;
    private final List<ChildProcess> children = new ArrayList<>();
    private final Supervisor supervisor;
    private volatile RunLock runLock;
    private volatile boolean stopping;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final ScheduledExecutorService tokenRefresh = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dev-token-refresh");
        t.setDaemon(true);
        return t;
    });
    private String endpointId;

    /**
     * @param log receives one short line per step
     */
    public LocalStack(UpSettings settings, Consumer<String> log) {
        this.settings = settings;
        this.home = new RunHome(settings.home());
        this.library = new Library(settings.libDir());
        this.pidFile = new PidFile(home.root().resolve("children.pids"));
        this.log = log;
        this.supervisor = new Supervisor(Backoff::standard, READY_POLL, log);
        this.java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    public RunHome home() {
        return home;
    }

    /** The id of the local endpoint once started; empty when none is configured. */
    public Optional<String> endpointId() {
        return Optional.ofNullable(endpointId);
    }

    /**
     * Prepares the run directory and starts every process, each one ready before the next starts.
     *
     * @throws org.funcfabric.launcher.config.ConfigException before anything is started, when a port
     *         is taken, an artifact is missing or the run directory is unusable
     * @throws StackFailure          when a process exits or misses its deadline; already started ones
     *                               keep running until {@link #stop()}
     * @throws CancellationException when {@link #stop()} was called meanwhile
     */
    public void start() throws StackFailure, IOException, InterruptedException {
        home.create();
        runLock = RunLock.acquire(home);
        log.accept("run directory " + home.root());
        for (String leftover : pidFile.stopLeftovers(STOP_GRACE)) {
            log.accept("a previous launcher was killed: its " + leftover);
        }
        Ports.requireFree(settings.bindAddress(), settings.httpPort(), "FABRIC_HTTP_PORT");
        Ports.requireFree(settings.bindAddress(), settings.brokerPort(), "FABRIC_BROKER_PORT");
        Ports.requireFree(settings.bindAddress(), settings.amqpPort(), "FABRIC_AMQP_PORT");
        library.requireComplete();

        SigningKeys keys = SigningKeys.loadOrGenerate(home.privateKeyFile(), home.publicKeyFile());
        log.accept(keys.generated() ? "generated the token signing key pair in keys/" : "using the token signing key pair in keys/");
        Secrets secrets = Secrets.loadOrCreate(home.secretsFile());
        log.accept(secrets.generated() ? "generated secrets.properties" : "using secrets.properties");
        log.accept("/metrics takes an admin token or the scrape token " + Secrets.METRICS_SCRAPE_TOKEN + " of "
                + home.secretsFile() + " (Authorization: Scrape <token>)");

        // Written before the service starts, so whoever sees /health/ready answer 200 finds the token;
        // re-minted at half its lifetime while up runs, so the file always holds a valid token.
        DevTokens devTokens = new DevTokens(keys.privateKey());
        writeDevToken(devTokens);
        log.accept("wrote the development token to " + home.tokenFile() + " (valid " + human(settings.tokenTtl())
                + ", renewed every " + human(settings.tokenTtl().dividedBy(2)) + " while up runs)");
        long refreshMillis = Math.max(1000, settings.tokenTtl().dividedBy(2).toMillis());
        tokenRefresh.scheduleAtFixedRate(() -> writeDevToken(devTokens), refreshMillis, refreshMillis, TimeUnit.MILLISECONDS);

        ChildProcess broker = startBroker(secrets);
        ChildProcess service = launchService(secrets);
        // The connector starts beside the service and registers as soon as the API is deployed; the
        // service only reports ready once that endpoint is online (fabric.health.expected-endpoints).
        Optional<PendingEndpoint> local = settings.localEndpoint().isPresent()
                ? Optional.of(launchConnector(settings.localEndpoint().get())) : Optional.empty();
        if (local.isEmpty()) {
            log.accept("no local endpoint (FABRIC_LOCAL_ENDPOINT is empty)");
        }
        if (local.isPresent()) {
            awaitConnector(local.get(), service);
        }
        awaitService(service);
        supervise(broker, service, local.map(PendingEndpoint::connector));
    }

    private void writeDevToken(DevTokens tokens) {
        try {
            RunHome.writePrivate(home.tokenFile(), tokens.mint(DevTokens.DEV_SUBJECT, DEV_GROUPS, settings.tokenTtl()));
        } catch (UncheckedIOException e) {
            // The next run tries again; an exception would end the schedule.
            log.accept("cannot renew the development token in " + home.tokenFile() + ": " + e.getMessage());
        }
    }

    /**
     * From here on a process that exits is restarted. Payara Micro gets a clean root first (see
     * {@link RunHome#resetPayaraRoot()}); each one counts as back once it serves again.
     */
    private void supervise(ChildProcess broker, ChildProcess service, Optional<ChildProcess> connector) {
        supervisor.supervise(broker, exited -> new Supervisor.Relaunched(relaunch(exited), this::brokerAccepts));
        URI ready = URI.create(settings.baseUrl() + "/health/ready");
        supervisor.supervise(service, exited -> {
            home.resetPayaraRoot();
            return new Supervisor.Relaunched(relaunch(exited), () -> answers200(ready));
        });
        connector.ifPresent(c -> supervisor.supervise(c, exited -> {
            Path dir = home.endpoints().resolve(settings.localEndpoint().orElseThrow());
            Path endpointFile = EndpointFile.in(dir);
            Optional<FileTime> before = lastModified(endpointFile);
            return new Supervisor.Relaunched(relaunch(exited),
                    () -> freshlyWritten(endpointFile, before) && EndpointFile.endpointId(dir).isPresent());
        }));
    }

    /** Starts a copy of {@code exited} in its place, unless the stack is stopping. */
    private ChildProcess relaunch(ChildProcess exited) throws IOException {
        ChildProcess fresh = exited.fresh();
        synchronized (this) {
            if (stopping) {
                throw new CancellationException("shutting down");
            }
            children.set(children.indexOf(exited), fresh);
            fresh.start();
            pidFile.add(fresh.name(), fresh.pid());
        }
        log.accept("restarting the " + fresh.name() + " (pid " + fresh.pid() + ")");
        return fresh;
    }

    private boolean brokerAccepts() {
        return Ports.accepts(settings.connectHost(), settings.brokerPort(), Duration.ofSeconds(1))
                && Ports.accepts(settings.connectHost(), settings.amqpPort(), Duration.ofSeconds(1));
    }

    private ChildProcess startBroker(Secrets secrets) throws StackFailure, IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(settings.brokerJavaOpts());
        command.addAll(List.of("-jar", library.artifact(Library.BROKER).toString()));
        ChildProcess broker = new ChildProcess("broker", command,
                brokerEnvironment(secrets),
                home.root(), home.logs().resolve("broker.log"));
        launch(broker);
        log.accept("starting the broker on " + settings.brokerUrl());
        // Artemis opens its acceptor before Qpid starts, so the AMQP port is the last sign of readiness
        await(broker, this::brokerAccepts, BROKER_DEADLINE, l -> true);
        log.accept("broker ready");
        return broker;
    }

    private Map<String, String> brokerEnvironment(Secrets secrets) {
        Map<String, String> env = new LinkedHashMap<>(Map.of(
                "FABRIC_BROKER_HOST", settings.bindAddress(),
                "FABRIC_BROKER_PORT", Integer.toString(settings.brokerPort()),
                "FABRIC_BROKER_DATA_DIR", home.broker().toString(),
                "FABRIC_BROKER_SERVICE_USER", ServiceProperties.SERVICE_BROKER_USER,
                "FABRIC_BROKER_SERVICE_PASSWORD", secrets.brokerServicePassword(),
                "FABRIC_BROKER_ENDPOINT_KEY", secrets.brokerEndpointKey(),
                // the AMQP 0-9-1 result queues run in the same process
                "FABRIC_AMQP_HOST", settings.bindAddress(),
                "FABRIC_AMQP_PORT", Integer.toString(settings.amqpPort()),
                "FABRIC_AMQP_SECRET", secrets.amqpSecret()));
        settings.tls().ifPresent(tls -> env.putAll(Map.of(
                "FABRIC_BROKER_TLS_HOST", tls.bindAddress(),
                "FABRIC_BROKER_TLS_PORT", Integer.toString(tls.brokerPort()),
                "FABRIC_BROKER_TLS_KEYSTORE", tls.keystore().toString(),
                "FABRIC_BROKER_TLS_KEYSTORE_PASSWORD", tls.password())));
        return env;
    }

    private ChildProcess launchService(Secrets secrets) throws StackFailure, IOException {
        Path properties = home.service().resolve("system.properties");
        Path preboot = home.service().resolve("preboot.asadmin");
        RunHome.writePrivate(properties, ServiceProperties.render(ServiceProperties.of(settings, home, secrets)));
        RunHome.writePrivate(preboot, ServiceProperties.prebootCommands(settings.bindAddress(),
                settings.tls().map(TlsSettings::bindAddress)));
        home.resetPayaraRoot();

        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(settings.serviceJavaOpts());
        command.addAll(List.of("-jar", library.artifact(Library.PAYARA_MICRO).toString(),
                "--nocluster", "--disablephonehome",
                "--port", Integer.toString(settings.httpPort()),
                "--systemproperties", properties.toString(),
                "--prebootcommandfile", preboot.toString(),
                "--rootdir", home.payaraRoot().toString()));
        settings.tls().ifPresent(tls -> command.addAll(List.of(
                "--sslport", Integer.toString(tls.httpsPort()), "--sslcert", tls.certAlias())));
        command.addAll(List.of(
                // The RAR first: the WAR's connection factory and MDBs need the adapter deployed.
                "--deploy", library.artifact(Library.ARTEMIS_RA).toString(),
                "--deploy", library.artifact(Library.SERVICE_WAR).toString()));
        ChildProcess service = new ChildProcess("service", command, Map.of(), home.root(),
                home.logs().resolve("service.log"));
        launch(service);
        log.accept("starting the service (Payara Micro) on " + settings.baseUrl());
        return service;
    }

    private void awaitService(ChildProcess service) throws StackFailure, InterruptedException {
        URI ready = URI.create(settings.baseUrl() + "/health/ready");
        await(service, () -> answers200(ready), settings.readyTimeout(),
                l -> l.contains("SEVERE") || l.contains("Exception"));
        log.accept("service ready");
    }

    /** A connector launched but not yet known to have registered. */
    private record PendingEndpoint(ChildProcess connector, String name, Path dir, Optional<FileTime> before) {
    }

    private PendingEndpoint launchConnector(String name) throws StackFailure, IOException {
        Path dir = home.endpoints().resolve(name);
        RunHome.createOwnerOnly(dir);
        Path endpointFile = EndpointFile.in(dir);
        // A restarted connector keeps its endpoint id in this file; only a fresh write means it has
        // registered in this run.
        Optional<FileTime> before = lastModified(endpointFile);
        List<String> command = new ArrayList<>(List.of(java, "-jar", library.artifact(Library.CONNECTOR).toString(),
                "--service", settings.baseUrl(),
                "--token", home.tokenFile().toString(),
                "--name", name,
                "--workers", Integer.toString(settings.localWorkers()),
                "--slots", Integer.toString(settings.localSlots()),
                "--dir", dir.toString(),
                "--heartbeat-period", Integer.toString(settings.heartbeatPeriodSeconds()),
                "--worker-jar", library.artifact(Library.WORKER).toString(),
                "--service-wait", Long.toString(settings.readyTimeout().toSeconds())));
        settings.python().ifPresent(p -> command.addAll(List.of("--python", p)));
        // With TLS the service hands out the TLS acceptor; the local endpoint stays on the plain one.
        settings.localBrokerUrl().or(() -> settings.tls().map(tls -> settings.brokerUrl()))
                .ifPresent(u -> command.addAll(List.of("--broker-url", u)));
        // Java functions' jars stay inside the run directory unless the user chose a cache
        Map<String, String> environment = System.getenv("FABRIC_JAR_CACHE") == null
                ? Map.of("FABRIC_JAR_CACHE", dir.resolve("jar-cache").toString()) : Map.of();
        ChildProcess connector = new ChildProcess("connector", command, environment, home.root(),
                home.logs().resolve("connector.log"));
        launch(connector);
        log.accept("starting the local endpoint '" + name + "' (" + settings.localWorkers() + " worker"
                + (settings.localWorkers() == 1 ? "" : "s") + " x " + settings.localSlots() + " slots)");
        return new PendingEndpoint(connector, name, dir, before);
    }

    /**
     * Waits until the connector has registered, which happens once the service's API is deployed; a
     * service that dies meanwhile ends the wait, and {@link #awaitService} then reports it.
     */
    private void awaitConnector(PendingEndpoint local, ChildProcess service) throws StackFailure, InterruptedException {
        Path endpointFile = EndpointFile.in(local.dir());
        await(local.connector(), () -> service.exitCode().isPresent() || freshlyWritten(endpointFile, local.before())
                        && EndpointFile.endpointId(local.dir()).isPresent(),
                settings.readyTimeout().plus(CONNECTOR_DEADLINE), l -> true);
        if (service.exitCode().isPresent()) {
            return;
        }
        endpointId = EndpointFile.endpointId(local.dir()).orElseThrow();
        log.accept("endpoint '" + local.name() + "' registered as " + endpointId);
    }

    private static Optional<FileTime> lastModified(Path file) {
        try {
            return Optional.of(Files.getLastModifiedTime(file));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean freshlyWritten(Path file, Optional<FileTime> before) {
        try {
            return Files.exists(file) && (before.isEmpty() || !Files.getLastModifiedTime(file).equals(before.get()));
        } catch (IOException e) {
            return false;
        }
    }

    private boolean answers200(URI uri) {
        try {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Starts a child unless the stack is stopping; from then on {@link #stop()} owns it. */
    private void launch(ChildProcess child) throws IOException {
        synchronized (this) {
            if (stopping) {
                throw new CancellationException("shutting down");
            }
            children.add(child);
            child.start();
            pidFile.add(child.name(), child.pid());
        }
    }

    private void await(ChildProcess child, BooleanSupplier ready, Duration deadline, Predicate<String> evidence)
            throws StackFailure, InterruptedException {
        try {
            Wait.until(ready, deadline, child, () -> stopping);
        } catch (ChildExitedException e) {
            throw new StackFailure(e.getMessage() + " while starting; see " + child.logFile(), evidence(child, evidence));
        } catch (TimeoutException e) {
            throw new StackFailure(child.name() + " was not ready within " + deadline.toSeconds() + " s; see "
                    + child.logFile(), evidence(child, evidence));
        }
    }

    private static List<String> evidence(ChildProcess child, Predicate<String> filter) {
        List<String> lines = LogTail.last(child.logFile(), EVIDENCE_LINES, filter);
        // When nothing matches the filter the plain end of the log still says more than nothing.
        return lines.isEmpty() ? LogTail.last(child.logFile(), EVIDENCE_LINES) : lines;
    }

    /** Blocks until {@link #stop()} has been called. */
    public void awaitStop() throws InterruptedException {
        stopRequested.await();
    }

    /**
     * Stops the children in reverse start order (connector, service, broker), each with SIGTERM and
     * a 30 s grace before it is killed. Idempotent; a second caller waits for the first to finish.
     */
    public void stop() {
        // Before the children go: a restart must not race the shutdown. Not under the lock, which a
        // restart under way needs in order to notice that the stack is stopping.
        stopping = true;
        stopRequested.countDown();
        tokenRefresh.shutdownNow();
        supervisor.stop();
        stopChildren();
    }

    private synchronized void stopChildren() {
        if (children.isEmpty() && runLock == null) {
            return;
        }
        for (int i = children.size() - 1; i >= 0; i--) {
            ChildProcess child = children.get(i);
            if (child.isStarted()) {
                log.accept("stopping the " + child.name());
            }
            try {
                child.stop(STOP_GRACE).ifPresent(outcome -> log.accept(child.name() + " " + outcome));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        children.clear();
        // Without the lock the run directory, and its pid file, belong to another launcher.
        if (runLock != null) {
            pidFile.clear();
            runLock.release();
            runLock = null;
        }
    }

    static String human(Duration d) {
        long s = d.toSeconds();
        if (s % 86_400 == 0) {
            return s / 86_400 + " d";
        }
        if (s % 3_600 == 0) {
            return s / 3_600 + " h";
        }
        if (s % 60 == 0) {
            return s / 60 + " min";
        }
        return s + " s";
    }
}
