package org.funcfabric.launcher.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Everything {@code funcfabric up} needs to know, read once from the {@link Knob}s and checked
 * together (for example that the offline threshold exceeds the heartbeat period).
 *
 * @param home                 absolute run directory
 * @param libDir               absolute directory of the artifacts to start
 * @param bindAddress          address for the HTTP listener and the broker acceptor
 * @param amqpPort             AMQP 0-9-1 port of the broker process, for the result queues
 * @param localEndpoint        name of the local endpoint, empty when none is wanted
 * @param localBrokerUrl       broker URL for the local connector in place of the service's answer,
 *                             where it must reach the broker another way (a relay, another address)
 * @param dbUrl                JDBC URL; the H2 file under {@code home} unless configured
 * @param dbPassword           configured database password; empty means the generated secret
 * @param serviceJavaOpts      JVM options for Payara Micro
 * @param brokerJavaOpts       JVM options for the broker process
 * @param python               interpreter for the local workers; empty leaves the worker's choice
 * @param tls                  the TLS listeners, when {@code FABRIC_TLS_KEYSTORE} is set
 */
public record UpSettings(Path home, Path libDir, String bindAddress, int httpPort, int brokerPort, int amqpPort,
                         Optional<String> localEndpoint, int localWorkers, int localSlots,
                         Optional<String> localBrokerUrl,
                         String dbUrl, String dbUser, Optional<String> dbPassword,
                         List<String> serviceJavaOpts, List<String> brokerJavaOpts, int heartbeatPeriodSeconds,
                         int heartbeatThresholdSeconds, Optional<String> python,
                         Duration tokenTtl, Duration readyTimeout, Optional<TlsSettings> tls) {
    /**
     * H2 writes committed transactions to its file on its own schedule (half a second later by
     * default), so a killed service would lose what it had just committed — and acknowledged to the
     * broker. With no write delay every commit reaches the file (the OS cache) before it returns.
     */
    static final String H2_DURABLE = ";WRITE_DELAY=0";


    // The name becomes a directory under endpoints/, so nothing that could leave it.
    private static final Pattern ENDPOINT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public UpSettings {
        serviceJavaOpts = List.copyOf(serviceJavaOpts);
        brokerJavaOpts = List.copyOf(brokerJavaOpts);
    }

    /**
     * Reads and checks the settings.
     *
     * @param defaultLibDir the lib directory beside the launcher jar, used unless FABRIC_LIB_DIR is set
     * @throws ConfigException naming the knob to fix
     */
    public static UpSettings from(Knobs knobs, Path defaultLibDir) {
        Path home = knobs.path(Knob.FABRIC_HOME, "var");
        Path lib = knobs.path(Knob.FABRIC_LIB_DIR, defaultLibDir.toString());
        String bind = knobs.string(Knob.FABRIC_BIND_ADDRESS, "127.0.0.1");
        try {
            InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new ConfigException("FABRIC_BIND_ADDRESS=" + bind
                    + " is not a known address: set FABRIC_BIND_ADDRESS to an address of this machine");
        }
        int http = knobs.port(Knob.FABRIC_HTTP_PORT, 8080);
        int broker = knobs.port(Knob.FABRIC_BROKER_PORT, 61616);
        if (http == broker) {
            throw new ConfigException("FABRIC_HTTP_PORT and FABRIC_BROKER_PORT are both " + http
                    + ": set one of them to another port");
        }
        int amqp = knobs.port(Knob.FABRIC_AMQP_PORT, 5672);
        if (amqp == http || amqp == broker) {
            throw new ConfigException("FABRIC_AMQP_PORT is " + amqp + ", the same as FABRIC_"
                    + (amqp == http ? "HTTP" : "BROKER") + "_PORT: set one of them to another port");
        }
        // Unset means the default endpoint; set but empty means none.
        String endpoint = knobs.raw(Knob.FABRIC_LOCAL_ENDPOINT).orElse("local").trim();
        if (!endpoint.isEmpty() && !ENDPOINT_NAME.matcher(endpoint).matches()) {
            throw new ConfigException("FABRIC_LOCAL_ENDPOINT=" + endpoint
                    + " is not a valid endpoint name: use up to 64 letters, digits, '.', '_' or '-'");
        }
        int period = knobs.positive(Knob.FABRIC_HEARTBEAT_PERIOD, 30);
        int threshold = knobs.positive(Knob.FABRIC_HEARTBEAT_THRESHOLD, 120);
        if (threshold <= period) {
            throw new ConfigException("FABRIC_HEARTBEAT_THRESHOLD (" + threshold
                    + ") must exceed FABRIC_HEARTBEAT_PERIOD (" + period + "): raise the threshold");
        }
        return new UpSettings(
                home, lib, bind, http, broker, amqp,
                endpoint.isEmpty() ? Optional.empty() : Optional.of(endpoint),
                knobs.positive(Knob.FABRIC_LOCAL_WORKERS, 1),
                knobs.positive(Knob.FABRIC_LOCAL_SLOTS, 2),
                Optional.of(knobs.string(Knob.FABRIC_LOCAL_BROKER_URL, "")).filter(u -> !u.isEmpty()),
                knobs.string(Knob.FABRIC_DB_URL, "jdbc:h2:file:" + home.resolve("db").resolve("fabric") + H2_DURABLE),
                knobs.string(Knob.FABRIC_DB_USER, "fabric"),
                knobs.raw(Knob.FABRIC_DB_PASSWORD).filter(p -> !p.isEmpty()),
                javaOpts(knobs, Knob.FABRIC_SERVICE_JAVA_OPTS),
                javaOpts(knobs, Knob.FABRIC_BROKER_JAVA_OPTS),
                period, threshold,
                Optional.of(knobs.string(Knob.FABRIC_PYTHON, "")).filter(p -> !p.isEmpty()),
                knobs.duration(Knob.FABRIC_TOKEN_TTL, "12h"),
                knobs.duration(Knob.FABRIC_READY_TIMEOUT, "300"),
                knobs.raw(Knob.FABRIC_TLS_KEYSTORE).filter(k -> !k.isBlank())
                        .map(k -> TlsSettings.from(knobs, bind)));
    }

    /** A knob of JVM options, split at white space; the knob's shown default is the default. */
    private static List<String> javaOpts(Knobs knobs, Knob knob) {
        return Arrays.stream(knobs.string(knob, knob.shownDefault()).trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }

    /** The service's base URL as clients on this machine reach it. */
    public String baseUrl() {
        return "http://" + urlHost(connectHost()) + ":" + httpPort;
    }

    /** The URL of the broker's plain acceptor. */
    public String brokerUrl() {
        return "tcp://" + urlHost(bindAddress) + ":" + brokerPort;
    }

    /**
     * The broker URL the service hands to endpoints: the TLS acceptor when there is one (endpoints
     * trust its certificate through their JVM's trust store, {@code -Djavax.net.ssl.trustStore}), else
     * the plain one.
     */
    public String publicBrokerUrl() {
        return tls.map(t -> "tcp://" + urlHost(t.bindAddress()) + ":" + t.brokerPort() + "?sslEnabled=true")
                .orElse(brokerUrl());
    }

    /** The AMQP URL of the result queues, without credentials or virtual host. */
    public String amqpUrl() {
        return "amqp://" + urlHost(connectHost()) + ":" + amqpPort;
    }

    /**
     * Where local clients connect: the bind address itself, or loopback when the listeners bind to
     * every interface (a wildcard address is not something to connect to).
     */
    public String connectHost() {
        try {
            return InetAddress.getByName(bindAddress).isAnyLocalAddress() ? "127.0.0.1" : bindAddress;
        } catch (UnknownHostException e) {
            return bindAddress;
        }
    }

    private static String urlHost(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
