package org.funcfabric.broker.amqp;

import java.util.Optional;
import java.util.function.UnaryOperator;

import org.funcfabric.broker.BrokerConfigException;
import org.funcfabric.broker.BrokerSettings;

/**
 * The AMQP 0-9-1 listener of the broker process, which serves the Globus Compute SDK's result queues.
 *
 * <p>It runs when {@value #SECRET} is set (the launcher always sets it): without the secret no
 * result-queue user could be verified. Read like {@link BrokerSettings}: {@code -D} system properties
 * win over the environment.
 *
 * @param host        interface of the AMQP port ({@value #HOST}, default: the Artemis acceptor's host)
 * @param port        TCP port ({@value #PORT}, default {@value #DEFAULT_PORT})
 * @param virtualHost the one virtual host, named in the connection URL ({@value #VIRTUAL_HOST})
 * @param secret      key the per-user passwords are derived from ({@value #SECRET})
 */
public record AmqpSettings(String host, int port, String virtualHost, String secret) {
    public static final String HOST = "FABRIC_AMQP_HOST";
    public static final String PORT = "FABRIC_AMQP_PORT";
    public static final String VIRTUAL_HOST = "FABRIC_AMQP_VHOST";
    public static final String SECRET = "FABRIC_AMQP_SECRET";
    public static final int DEFAULT_PORT = 5672;
    public static final String DEFAULT_VIRTUAL_HOST = "funcfabric";

    public static Optional<AmqpSettings> fromEnvironment(BrokerSettings broker) {
        return from(name -> System.getProperty(name, System.getenv(name)), broker);
    }

    /** The settings, or empty when {@value #SECRET} is unset. */
    public static Optional<AmqpSettings> from(UnaryOperator<String> lookup, BrokerSettings broker) {
        UnaryOperator<String> values = name -> {
            String value = lookup.apply(name);
            return value == null || value.isBlank() ? null : value.trim();
        };
        String secret = values.apply(SECRET);
        if (secret == null) {
            return Optional.empty();
        }
        String host = Optional.ofNullable(values.apply(HOST)).orElse(broker.host());
        String vhost = Optional.ofNullable(values.apply(VIRTUAL_HOST)).orElse(DEFAULT_VIRTUAL_HOST);
        int port = BrokerSettings.port(PORT, values.apply(PORT), DEFAULT_PORT);
        if (port == broker.port() && host.equals(broker.host())) {
            throw new BrokerConfigException(PORT + " and " + BrokerSettings.PORT + " are both " + port
                    + ": set them to two different ports");
        }
        return Optional.of(new AmqpSettings(host, port, vhost, secret));
    }

    public String url() {
        return "amqp://" + host + ":" + port + "/" + virtualHost;
    }

    @Override
    public String toString() {
        return "AmqpSettings[" + url() + "]";
    }
}
