package org.funcfabric.broker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.funcfabric.broker.security.BrokerCredential;
import org.funcfabric.protocol.Destinations;
import org.funcfabric.protocol.EndpointCredentials;

/**
 * Where the broker listens, where it keeps its data and which credentials it accepts.
 *
 * <p>Read from environment variables, or from {@code -D} system properties of the same name, which win
 * because they are the more explicit of the two. The host defaults to loopback: listening on other
 * interfaces is an operator's explicit choice.
 *
 * @param host     interface the acceptor binds ({@value #HOST})
 * @param port     TCP port of the acceptor ({@value #PORT})
 * @param dataDir  journal, bindings, paging and large messages live under it ({@value #DATA_DIR})
 * @param service     the service's credential, which may do everything
 * @param endpointKey the key every endpoint's own credential is derived from
 *                    ({@link org.funcfabric.protocol.EndpointCredentials}); the service holds the same
 * @param tls         a second, TLS acceptor for remote endpoints, when {@value #TLS_KEYSTORE} is set
 * @param clusterPassword the password of Artemis's built-in cluster user ({@value #CLUSTER_PASSWORD}), which
 *                    Artemis lets do everything, past the security manager: brokers of one cluster share it;
 *                    a broker outside a cluster gets a random one at every start, known to no one
 * @param journalBufferTimeoutMicros how long the journal gathers writes before one sync
 *                    ({@value #JOURNAL_BUFFER_TIMEOUT_US}, default {@value #DEFAULT_JOURNAL_BUFFER_TIMEOUT_US} µs)
 */
public record BrokerSettings(String host, int port, Path dataDir, BrokerCredential service, String endpointKey,
                             Optional<TlsAcceptor> tls, String clusterPassword, int journalBufferTimeoutMicros) {
    /**
     * The TLS acceptor: where it listens and the PKCS#12 key store of its certificate.
     *
     * @param password the key store's (and key's) password; never printed by {@link #toString()}
     */
    public record TlsAcceptor(String host, int port, Path keystore, String password) {
        /** The acceptor's URL with its TLS parameters, as Artemis takes it. */
        String acceptorUrl() {
            return "tcp://" + host + ":" + port + "?protocols=CORE;sslEnabled=true;keyStoreType=PKCS12;keyStorePath="
                    + keystore + ";keyStorePassword=" + password;
        }

        @Override
        public String toString() {
            return "TlsAcceptor[tcp://" + host + ":" + port + ", keystore=" + keystore + "]";
        }
    }

    public static final String HOST = "FABRIC_BROKER_HOST";
    public static final String PORT = "FABRIC_BROKER_PORT";
    public static final String DATA_DIR = "FABRIC_BROKER_DATA_DIR";
    public static final String SERVICE_USER = "FABRIC_BROKER_SERVICE_USER";
    public static final String SERVICE_PASSWORD = "FABRIC_BROKER_SERVICE_PASSWORD";
    public static final String ENDPOINT_KEY = "FABRIC_BROKER_ENDPOINT_KEY";
    public static final String TLS_HOST = "FABRIC_BROKER_TLS_HOST";
    public static final String TLS_PORT = "FABRIC_BROKER_TLS_PORT";
    public static final String TLS_KEYSTORE = "FABRIC_BROKER_TLS_KEYSTORE";
    public static final String TLS_KEYSTORE_PASSWORD = "FABRIC_BROKER_TLS_KEYSTORE_PASSWORD";
    public static final String CLUSTER_PASSWORD = "FABRIC_BROKER_CLUSTER_PASSWORD";
    public static final String JOURNAL_BUFFER_TIMEOUT_US = "FABRIC_BROKER_JOURNAL_BUFFER_TIMEOUT_US";
    /**
     * Artemis's NIO default is 3,333 µs, sized for disks that sync 300 times a second; every durable
     * hop of a task (the submit's prepare and commit, the worker's commit) waited for it. A local SSD
     * syncs in well under a millisecond, which is what the journal should wait at most.
     */
    public static final int DEFAULT_JOURNAL_BUFFER_TIMEOUT_US = 500;
    public static final int DEFAULT_TLS_PORT = 61617;
    /** A cluster password opens everything, so a guessable one is refused. */
    static final int MIN_CLUSTER_PASSWORD_LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 61616;
    public static final String DEFAULT_SERVICE_USER = Destinations.DEFAULT_SERVICE_USER;

    /** Settings from system properties, then the environment. */
    public static BrokerSettings fromEnvironment() {
        return from(name -> System.getProperty(name, System.getenv(name)));
    }

    /**
     * Settings from a lookup of variable names; blank values count as unset.
     *
     * @throws BrokerConfigException naming the variable to fix
     */
    public static BrokerSettings from(UnaryOperator<String> lookup) {
        UnaryOperator<String> values = name -> {
            String value = lookup.apply(name);
            return value == null || value.isBlank() ? null : value.trim();
        };
        String host = orDefault(values.apply(HOST), DEFAULT_HOST);
        int port = port(PORT, values.apply(PORT), DEFAULT_PORT);
        Path dataDir = Path.of(required(values, DATA_DIR, "the directory for the broker's journal"));
        BrokerCredential service = new BrokerCredential(
                orDefault(values.apply(SERVICE_USER), DEFAULT_SERVICE_USER),
                required(values, SERVICE_PASSWORD, "the password of the service's broker user"));
        String endpointKey = required(values, ENDPOINT_KEY,
                "the key of the endpoints' broker credentials (the service's fabric.broker.endpoint-key)");
        if (EndpointCredentials.endpointOf(service.user()).isPresent()) {
            throw new BrokerConfigException(SERVICE_USER + " is '" + service.user()
                    + "', the form of an endpoint's user name: choose another");
        }
        Optional<TlsAcceptor> tls = Optional.ofNullable(values.apply(TLS_KEYSTORE)).map(keystore -> {
            if (!Files.isReadable(Path.of(keystore))) {
                throw new BrokerConfigException(TLS_KEYSTORE + " is '" + keystore + "', not a readable file: set it to a PKCS#12 key store");
            }
            return new TlsAcceptor(orDefault(values.apply(TLS_HOST), host),
                    port(TLS_PORT, values.apply(TLS_PORT), DEFAULT_TLS_PORT), Path.of(keystore),
                    required(values, TLS_KEYSTORE_PASSWORD, "the password of " + keystore));
        });
        int journalBufferTimeout = values.apply(JOURNAL_BUFFER_TIMEOUT_US) == null ? DEFAULT_JOURNAL_BUFFER_TIMEOUT_US
                : positive(JOURNAL_BUFFER_TIMEOUT_US, values.apply(JOURNAL_BUFFER_TIMEOUT_US));
        return new BrokerSettings(host, port, dataDir, service, endpointKey, tls, clusterPassword(values.apply(CLUSTER_PASSWORD)),
                journalBufferTimeout);
    }

    private static int positive(String variable, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the same advice as a negative number
        }
        throw new BrokerConfigException(variable + " is '" + value + "': set it to a whole number of microseconds above 0");
    }

    private static String clusterPassword(String configured) {
        if (configured == null) {
            byte[] random = new byte[32];
            RANDOM.nextBytes(random);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        }
        if (configured.length() < MIN_CLUSTER_PASSWORD_LENGTH) {
            throw new BrokerConfigException(CLUSTER_PASSWORD + " has " + configured.length() + " characters: set it to a random"
                    + " secret of at least " + MIN_CLUSTER_PASSWORD_LENGTH + " (or unset it outside a cluster)");
        }
        return configured;
    }

    /** The URL clients connect to, e.g. {@code tcp://127.0.0.1:61616}. */
    public String url() {
        return "tcp://" + host + ":" + port;
    }

    /** Without the endpoint key and the cluster password, which must never reach a log. */
    @Override
    public String toString() {
        return "BrokerSettings[url=" + url() + ", dataDir=" + dataDir + ", service=" + service
                + tls.map(t -> ", tls=" + t).orElse("") + "]";
    }

    private static String required(UnaryOperator<String> values, String name, String what) {
        String value = values.apply(name);
        if (value == null) {
            throw new BrokerConfigException(name + " is not set: set it to " + what);
        }
        return value;
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }

    /**
     * A TCP port setting, or {@code fallback} when unset.
     *
     * @throws BrokerConfigException naming {@code variable} when the value is not a port
     */
    public static int port(String variable, String value, int fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below with the same advice as an out-of-range number
        }
        throw new BrokerConfigException(variable + " is '" + value + "': set it to a TCP port between 1 and 65535");
    }
}
