package org.funcfabric.connector.heartbeat;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Queue;

import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQJMSContext;
import org.apache.activemq.artemis.jms.client.ActiveMQSession;
import org.funcfabric.connector.registration.QueueInfo;
import org.funcfabric.protocol.HeartbeatMessage;
import org.funcfabric.protocol.ProtocolJson;

/**
 * Sends the endpoint's heartbeats over one JMS connection to the broker.
 *
 * <p>The connection reconnects forever once made, so a broker restart costs heartbeats, not the
 * connector; the first connection is tried a bounded number of times so that a wrong broker URL or
 * credential stops the connector at start with a clear error. Every send happens on the publisher's
 * one thread (a JMS context is single-threaded), with a call timeout so a send to an unreachable
 * broker gives up instead of blocking the next beat or the stop.
 *
 * <p>Each heartbeat carries the depth of the endpoint's task queue, read with one Artemis queue query
 * on the same connection: a count the broker keeps, so it costs one round trip however deep the queue
 * is (a JMS queue browser would walk the messages, and needs a browse permission endpoints lack).
 */
public final class HeartbeatPublisher {
    private static final Logger LOG = Logger.getLogger(HeartbeatPublisher.class.getName());
    private static final int INITIAL_CONNECT_ATTEMPTS = 10;
    private static final long RETRY_INTERVAL_MS = 1_000;
    private static final long LONGEST_RETRY_INTERVAL_MS = 10_000;
    private static final long CALL_TIMEOUT_MS = 10_000;

    private final QueueInfo destination;
    private final String endpointId;
    private final Duration period;
    private final IntSupplier liveWorkers;
    private final int slotsPerWorker;
    private final String taskQueue;

    private ScheduledExecutorService sender;
    private JMSContext context;
    private JMSProducer producer;
    private Queue queue;

    /**
     * @param destination    the heartbeat queue and how to reach it, as registration returned it
     * @param endpointId     the endpoint the heartbeats speak for
     * @param period         time between heartbeats
     * @param liveWorkers    how many worker processes are alive now
     * @param slotsPerWorker task slots of each worker
     * @param taskQueue      the endpoint's task queue, whose depth each heartbeat reports
     */
    public HeartbeatPublisher(QueueInfo destination, String endpointId, Duration period, IntSupplier liveWorkers,
                              int slotsPerWorker, String taskQueue) {
        this.destination = destination;
        this.endpointId = endpointId;
        this.period = period;
        this.liveWorkers = liveWorkers;
        this.slotsPerWorker = slotsPerWorker;
        this.taskQueue = taskQueue;
    }

    /**
     * Connects, sends the first {@code online} heartbeat and schedules the next ones.
     *
     * @throws JMSRuntimeException when the broker cannot be reached or refuses the credential
     */
    public synchronized void start() {
        if (sender != null) {
            return;
        }
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(destination.connectionUrl(),
                destination.username(), destination.password());
        factory.setReconnectAttempts(-1);
        factory.setInitialConnectAttempts(INITIAL_CONNECT_ATTEMPTS);
        factory.setRetryInterval(RETRY_INTERVAL_MS);
        factory.setRetryIntervalMultiplier(2.0);
        factory.setMaxRetryInterval(LONGEST_RETRY_INTERVAL_MS);
        factory.setCallTimeout(CALL_TIMEOUT_MS);
        factory.setCallFailoverTimeout(CALL_TIMEOUT_MS);
        context = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
        try {
            queue = context.createQueue(destination.queue());
            producer = context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
            send(HeartbeatMessage.ONLINE);
        } catch (JMSRuntimeException e) {
            context.close();
            throw e;
        }
        sender = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "heartbeats");
            thread.setDaemon(true);
            return thread;
        });
        long periodMs = period.toMillis();
        sender.scheduleAtFixedRate(this::beat, periodMs, periodMs, TimeUnit.MILLISECONDS);
        LOG.info(() -> "heartbeats to " + destination.queue() + " at " + destination.connectionUrl() + " every "
                + period.toSeconds() + " s");
    }

    /** Stops the periodic heartbeats, sends the {@code offline} one and closes the connection. */
    public synchronized void stop() {
        if (sender == null) {
            return;
        }
        sender.shutdown();
        try {
            if (sender.awaitTermination(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                send(HeartbeatMessage.OFFLINE);
            } else {
                LOG.warning("a heartbeat is still being sent; stopping without the offline heartbeat");
            }
        } catch (JMSRuntimeException e) {
            LOG.warning(() -> "the offline heartbeat was not sent: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            sender = null;
            context.close();
        }
    }

    public synchronized boolean isStarted() {
        return sender != null;
    }

    private void beat() {
        try {
            send(HeartbeatMessage.ONLINE);
        } catch (JMSRuntimeException e) {
            // the next beat tries again; the service tolerates missed beats up to its threshold
            LOG.log(Level.WARNING, "heartbeat not sent: " + e.getMessage(), e);
        }
    }

    private void send(String state) {
        int workers = liveWorkers.getAsInt();
        HeartbeatMessage heartbeat = new HeartbeatMessage(HeartbeatMessage.VERSION, endpointId, state, workers,
                workers * slotsPerWorker, System.currentTimeMillis(), queuedTasks());
        producer.send(queue, ProtocolJson.toJson(heartbeat));
    }

    /** Messages in the task queue, those being delivered included; 0 before it exists, -1 if unknown. */
    private long queuedTasks() {
        if (!(context instanceof ActiveMQJMSContext artemis)
                || !(artemis.getUsedSession() instanceof ActiveMQSession session)) {
            return -1;
        }
        ClientSession core = session.getCoreSession();
        try {
            ClientSession.QueueQuery query = core.queueQuery(SimpleString.of(taskQueue));
            return query.isExists() ? query.getMessageCount() : 0;
        } catch (ActiveMQException e) {
            LOG.fine(() -> "the depth of " + taskQueue + " is unknown: " + e.getMessage());
            return -1;
        }
    }
}
