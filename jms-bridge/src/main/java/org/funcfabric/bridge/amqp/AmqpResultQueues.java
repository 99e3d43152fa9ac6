package org.funcfabric.bridge.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.funcfabric.core.common.ErrorCode;
import org.funcfabric.core.common.FabricException;
import org.funcfabric.protocol.ResultQueueCredentials;

/**
 * The service's hold on the AMQP 0-9-1 result queues of the Globus Compute SDK's {@code Executor}:
 * hands each user its own credential and queue prefix, declares a task group's queue, and publishes
 * results there. One connection as the service user, a channel per operation (channels are not
 * thread-safe), publisher confirms so that a publish returns only once the broker has the message.
 *
 * <p>Off unless {@code fabric.amqp.secret} is set; the routes that need it then answer 503. Settings
 * ({@code fabric.amqp.*}, README "Configuration"): {@code url} where the service connects,
 * {@code public-url} what clients are told (defaults to {@code url}), {@code secret} the key of the
 * derived per-user passwords (the broker's {@code FABRIC_AMQP_SECRET}), {@code user}/{@code password}
 * the service's broker credential (default {@code fabric.broker.user}/{@code fabric.broker.password}).
 */
@ApplicationScoped
public class AmqpResultQueues {
    private static final Logger LOG = Logger.getLogger(AmqpResultQueues.class.getName());
    static final String DEFAULT_URL = "amqp://127.0.0.1:5672/funcfabric";
    private static final int TIMEOUT_MS = 5_000;
    private static final String PERSISTENT_JSON = "application/json";

    private Optional<ResultQueueCredentials> credentials = Optional.empty();
    private URI url;
    private URI publicUrl;
    private String user;
    private String password;
    private Connection connection;

    @PostConstruct
    void configure() {
        Config config = ConfigProvider.getConfig();
        credentials = config.getOptionalValue("fabric.amqp.secret", String.class)
                .filter(s -> !s.isBlank())
                .map(ResultQueueCredentials::new);
        String internal = config.getOptionalValue("fabric.amqp.url", String.class).orElse(DEFAULT_URL);
        url = parse(internal, "fabric.amqp.url");
        publicUrl = parse(config.getOptionalValue("fabric.amqp.public-url", String.class).orElse(internal),
                "fabric.amqp.public-url");
        user = config.getOptionalValue("fabric.amqp.user", String.class)
                .or(() -> config.getOptionalValue("fabric.broker.user", String.class)).orElse("fabric-service");
        password = config.getOptionalValue("fabric.amqp.password", String.class)
                .or(() -> config.getOptionalValue("fabric.broker.password", String.class)).orElse("");
        if (credentials.isEmpty()) {
            LOG.info("fabric.amqp.secret is not set: no AMQP result queues (the Globus Compute SDK's Executor "
                    + "cannot be used; REST polling works)");
        }
    }

    public boolean isEnabled() {
        return credentials.isPresent();
    }

    /** The caller's queue prefix and connection URL with its own credential. */
    public ResultQueueAccess accessFor(String subject) {
        ResultQueueCredentials c = required();
        String amqpUser = c.userFor(subject);
        // user names are hex and passwords base64url: nothing to escape in the URL's user info
        String connectionUrl = publicUrl.getScheme() + "://" + amqpUser + ":" + c.passwordFor(amqpUser) + "@"
                + publicUrl.getRawAuthority() + publicUrl.getRawPath();
        return new ResultQueueAccess(c.queuePrefixFor(subject), connectionUrl);
    }

    /** The queue of a user's task group, {@code <prefix><taskGroupId>}. */
    public String queueName(String subject, String taskGroupId) {
        return required().queuePrefixFor(subject) + taskGroupId;
    }

    /**
     * Declares the durable queue of a user's task group; idempotent.
     *
     * @throws FabricException 503 when the broker cannot be reached
     */
    public void createQueue(String subject, String taskGroupId) {
        String queue = queueName(subject, taskGroupId);
        try (Channel channel = channel()) {
            channel.queueDeclare(queue, true, false, false, null);
        } catch (IOException | TimeoutException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot declare the result queue " + queue, e);
            throw new FabricException(ErrorCode.SERVICE_UNAVAILABLE,
                    "The AMQP result queue for task group " + taskGroupId + " could not be created; try again");
        }
    }

    /** One result for one user's task group queue. */
    record Publication(String subject, String taskGroupId, byte[] body) {
    }

    /**
     * Publishes each result to its user's task group queue through the default exchange, on one channel,
     * and waits once for the broker's confirms of all of them. A queue that was never created simply does
     * not receive its results (the SDK's {@code Client}, which polls, submits without {@code create_queue}).
     */
    void publish(List<Publication> publications) throws IOException, TimeoutException, InterruptedException {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .deliveryMode(2)
                .contentType(PERSISTENT_JSON)
                .build();
        try (Channel channel = channel()) {
            channel.confirmSelect();
            for (Publication p : publications) {
                channel.basicPublish("", queueName(p.subject(), p.taskGroupId()), false, properties, p.body());
            }
            channel.waitForConfirmsOrDie(TIMEOUT_MS);
        }
    }

    private ResultQueueCredentials required() {
        return credentials.orElseThrow(() -> new FabricException(ErrorCode.SERVICE_UNAVAILABLE,
                "AMQP result queues are not configured on this service (fabric.amqp.secret)"));
    }

    private Channel channel() throws IOException, TimeoutException {
        required();
        return connection().createChannel();
    }

    private synchronized Connection connection() throws IOException, TimeoutException {
        if (connection == null || !connection.isOpen()) {
            ConnectionFactory factory = new ConnectionFactory();
            factory.setHost(url.getHost());
            factory.setPort(url.getPort() > 0 ? url.getPort() : ConnectionFactory.DEFAULT_AMQP_PORT);
            String vhost = url.getPath() == null || url.getPath().length() <= 1 ? "/" : url.getPath().substring(1);
            factory.setVirtualHost(vhost);
            factory.setUsername(user);
            factory.setPassword(password);
            factory.setConnectionTimeout(TIMEOUT_MS);
            factory.setHandshakeTimeout(TIMEOUT_MS);
            factory.setChannelRpcTimeout(TIMEOUT_MS);
            // a lost connection is replaced on next use; the client's own recovery would race with that
            factory.setAutomaticRecoveryEnabled(false);
            connection = factory.newConnection("funcfabric-service");
        }
        return connection;
    }

    @PreDestroy
    synchronized void close() {
        if (connection != null) {
            try {
                connection.close(TIMEOUT_MS);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, "closing the AMQP connection", e);
            }
            connection = null;
        }
    }

    private static URI parse(String value, String key) {
        try {
            URI uri = new URI(value);
            if (!"amqp".equals(uri.getScheme()) && !"amqps".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new URISyntaxException(value, "not amqp://host:port/vhost");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(key + "=" + value + " is not an amqp://host:port/vhost URL", e);
        }
    }
}
