package org.funcfabric.worker.jms;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.activemq.artemis.api.core.client.FailoverEventType;
import org.apache.activemq.artemis.jms.client.ActiveMQConnection;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The worker's one connection to Artemis. The client reconnects by itself after a broker restart or a
 * network cut (forever, backing off from 0.5 s to 10 s), so a worker outlives its broker's restarts;
 * each change of the connection's state is logged once.
 *
 * <p>The connection TTL is short so that the broker gives a vanished worker's tasks back quickly: the
 * client pings every {@value #FAILURE_CHECK_PERIOD_MS} ms, and the broker, which adopts the client's TTL,
 * closes a connection silent for {@value #CONNECTION_TTL_MS} ms (checked every 2 s by default). A killed
 * process needs none of this: its socket closes and the broker notices at once.
 */
public final class BrokerConnection {
    /** Attempts before {@link #start()} gives up on an unreachable broker (about 7 s with the backoff). */
    static final int INITIAL_CONNECT_ATTEMPTS = 5;
    static final long FAILURE_CHECK_PERIOD_MS = 1_000;
    static final long CONNECTION_TTL_MS = 5_000;

    private static final Logger LOG = Logger.getLogger(BrokerConnection.class.getName());

    private final String url;
    private final String user;
    private final String password;
    private final Runnable onLost;
    private final Runnable onReconnected;
    private volatile Connection connection;

    /**
     * @param onLost        called once if the client gives up reconnecting; the worker then stops
     * @param onReconnected called on the client's thread after each reconnection; must not block
     */
    public BrokerConnection(String url, String user, String password, Runnable onLost, Runnable onReconnected) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.onLost = onLost;
        this.onReconnected = onReconnected;
    }

    /**
     * Connects and starts delivery.
     *
     * @throws JMSException when the broker stays unreachable or refuses the credentials
     * @throws IllegalArgumentException when the URL is not an Artemis URL
     */
    public void start() throws JMSException {
        ActiveMQConnectionFactory factory;
        try {
            factory = new ActiveMQConnectionFactory(url);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid broker URL '" + url + "': " + e.getMessage(), e);
        }
        // One message ahead of the running task: the broker sends a consumer messages while it has credit
        // left, and one byte of credit lasts for one message. A slot takes its next task without a round
        // trip, and gives the held one back when a task runs long (TaskQueueSubscriber).
        factory.setConsumerWindowSize(1);
        factory.setInitialConnectAttempts(INITIAL_CONNECT_ATTEMPTS);
        factory.setReconnectAttempts(-1);
        factory.setRetryInterval(500);
        factory.setRetryIntervalMultiplier(2.0);
        factory.setMaxRetryInterval(10_000);
        factory.setClientFailureCheckPeriod(FAILURE_CHECK_PERIOD_MS);
        factory.setConnectionTTL(CONNECTION_TTL_MS);
        Connection c = factory.createConnection(user, password);
        try {
            ((ActiveMQConnection) c).setFailoverListener(this::stateChanged);
            c.start();
        } catch (JMSException e) {
            c.close();
            throw e;
        }
        connection = c;
        LOG.info(() -> "connected to the broker at " + url);
    }

    /** Closes the connection; transacted work not yet committed is rolled back by the broker. */
    public void stop() {
        Connection c = connection;
        connection = null;
        if (c == null) {
            return;
        }
        try {
            c.close();
            LOG.info(() -> "disconnected from the broker at " + url);
        } catch (JMSException e) {
            // Closing is best effort at shutdown: the broker rolls back the sessions of a dead connection too.
            LOG.log(Level.WARNING, "closing the broker connection failed", e);
        }
    }

    public boolean isStarted() {
        return connection != null;
    }

    /** A session whose commit covers both the results it sends and the tasks it received. */
    Session createTransactedSession() throws JMSException {
        Connection c = connection;
        if (c == null) {
            throw new jakarta.jms.IllegalStateException("the broker connection is not started");
        }
        return c.createSession(true, Session.SESSION_TRANSACTED);
    }

    /** A session for messages whose loss costs nothing, such as commands heard on a topic. */
    Session createAutoAcknowledgeSession() throws JMSException {
        Connection c = connection;
        if (c == null) {
            throw new jakarta.jms.IllegalStateException("the broker connection is not started");
        }
        return c.createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    private void stateChanged(FailoverEventType event) {
        switch (event) {
            case FAILURE_DETECTED -> LOG.warning(() -> "lost the broker at " + url + "; reconnecting");
            case FAILOVER_COMPLETED -> {
                LOG.info(() -> "reconnected to the broker at " + url);
                onReconnected.run();
            }
            case FAILOVER_FAILED -> {
                LOG.severe(() -> "gave up reconnecting to the broker at " + url);
                onLost.run();
            }
        }
    }
}
