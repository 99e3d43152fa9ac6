package org.funcfabric.it.support;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueRequestor;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.ActiveMQJMSClient;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.funcfabric.protocol.Destinations;
import org.funcfabric.protocol.EndpointCredentials;
import org.funcfabric.protocol.HeartbeatMessage;
import org.funcfabric.protocol.ProtocolJson;
import org.funcfabric.protocol.ResultBatch;
import org.funcfabric.protocol.ResultMessage;

/**
 * A plain Artemis JMS client, outside the resource adapter and its transactions, connected as the
 * service user with the settings Payara Micro was started with: it inspects queues, and plays the
 * connector and the worker (sending heartbeats and results with their endpoint's own credential). Inside the container its classes come
 * from the deployed resource adapter.
 */
public final class BrokerClient implements AutoCloseable {
    private static final String MANAGEMENT_ADDRESS = "activemq.management";

    private final ActiveMQConnectionFactory factory;
    private final String user;
    private final String password;

    private BrokerClient(String url, String user, String password) {
        this.factory = new ActiveMQConnectionFactory(url);
        this.user = user;
        this.password = password;
    }

    /** Connected as {@code fabric.broker.user}, the service's own broker credential. */
    public static BrokerClient asService() {
        return new BrokerClient(url(), property("fabric.broker.user"), property("fabric.broker.password"));
    }

    /** Sends a protocol record as the JSON text message connectors and workers send. */
    public void send(String queue, Object record) {
        send(user, password, queue, record);
    }

    /** Sends a result as the workers of its endpoint do: with that endpoint's first broker credential. */
    public void sendResult(ResultMessage result) {
        sendAsEndpoint(result.endpointId(), Destinations.RESULTS, result);
    }

    /** Sends results in one message as a worker of their endpoint does. */
    public void sendResults(String endpointId, List<ResultMessage> results) {
        String endpointUser = EndpointCredentials.userFor(endpointId, 1);
        try (JMSContext context = factory.createContext(endpointUser,
                new EndpointCredentials(property("fabric.broker.endpoint-key")).passwordFor(endpointUser),
                JMSContext.AUTO_ACKNOWLEDGE)) {
            context.createProducer().setJMSType(ResultBatch.JMS_TYPE)
                    .send(context.createQueue(Destinations.RESULTS), ProtocolJson.toJson(ResultBatch.of(results)));
        }
    }

    /** Sends a heartbeat as its endpoint's connector does. */
    public void sendHeartbeat(HeartbeatMessage beat) {
        sendAsEndpoint(beat.endpointId(), Destinations.HEARTBEATS, beat);
    }

    /** Sends a record with the first broker credential of {@code endpointId}, as registration hands it out. */
    public void sendAsEndpoint(String endpointId, String queue, Object record) {
        String endpointUser = EndpointCredentials.userFor(endpointId, 1);
        send(endpointUser, new EndpointCredentials(property("fabric.broker.endpoint-key")).passwordFor(endpointUser),
                queue, record);
    }

    private void send(String asUser, String asPassword, String queue, Object record) {
        try (JMSContext context = factory.createContext(asUser, asPassword, JMSContext.AUTO_ACKNOWLEDGE)) {
            context.createProducer().send(context.createQueue(queue), ProtocolJson.toJson(record));
        }
    }

    /** The queue's messages, oldest first, read as {@code type} without consuming them. */
    public <T> List<T> browse(String queue, Class<T> type) {
        try (JMSContext context = factory.createContext(user, password, JMSContext.AUTO_ACKNOWLEDGE);
             QueueBrowser browser = context.createBrowser(context.createQueue(queue))) {
            List<T> records = new ArrayList<>();
            for (Object message : Collections.list(browser.getEnumeration())) {
                records.add(ProtocolJson.fromJson(((TextMessage) message).getText(), type));
            }
            return records;
        } catch (JMSException e) {
            throw new IllegalStateException("browsing " + queue + " failed", e);
        }
    }

    /** Consumes every message the queue holds now; returns how many. */
    public int drain(String queue) {
        try (JMSContext context = factory.createContext(user, password, JMSContext.AUTO_ACKNOWLEDGE);
             JMSConsumer consumer = context.createConsumer(context.createQueue(queue))) {
            int drained = 0;
            while (consumer.receive(500) != null) {
                drained++;
            }
            return drained;
        }
    }

    /**
     * A non-durable subscription to a multicast address, open until closed: it hears what is published
     * there after this returns, as a connector's command subscription does.
     */
    public Subscription subscribe(String topic) {
        JMSContext context = factory.createContext(user, password, JMSContext.AUTO_ACKNOWLEDGE);
        return new Subscription(context, context.createConsumer(context.createTopic(topic)));
    }

    /**
     * Takes the queue's oldest message and rolls the take back, {@code times} times over, as a worker
     * that keeps dying before its acknowledgement would; the broker dead-letters a message at its limit.
     */
    public void rollBackDeliveries(String queue, int times) {
        try (JMSContext context = factory.createContext(user, password, JMSContext.SESSION_TRANSACTED);
             JMSConsumer consumer = context.createConsumer(context.createQueue(queue))) {
            for (int i = 0; i < times; i++) {
                if (consumer.receive(5_000) == null) {
                    return;
                }
                context.rollback();
            }
        }
    }

    /** What a {@link #subscribe} hears. */
    public static final class Subscription implements AutoCloseable {
        private final JMSContext context;
        private final JMSConsumer consumer;

        private Subscription(JMSContext context, JMSConsumer consumer) {
            this.context = context;
            this.consumer = consumer;
        }

        /** The next message as {@code type}, or null when none comes within {@code timeoutMs}. */
        public <T> T receive(Class<T> type, long timeoutMs) {
            String body = consumer.receiveBody(String.class, timeoutMs);
            return body == null ? null : ProtocolJson.fromJson(body, type);
        }

        @Override
        public void close() {
            context.close();
        }
    }

    /**
     * Messages in the queue, those being delivered included, from the broker's management: zero once
     * every message sent there has been consumed and acknowledged (for an MDB: its transaction committed).
     */
    public long messageCount(String queue) {
        boolean succeeded;
        Object result;
        try (QueueConnection connection = factory.createQueueConnection(user, password);
             QueueSession session = connection.createQueueSession(false, Session.AUTO_ACKNOWLEDGE)) {
            QueueRequestor requestor = new QueueRequestor(session, ActiveMQJMSClient.createQueue(MANAGEMENT_ADDRESS));
            connection.start();
            Message request = session.createMessage();
            JMSManagementHelper.putAttribute(request, ResourceNames.QUEUE + queue, "messageCount");
            Message reply = requestor.request(request);
            succeeded = JMSManagementHelper.hasOperationSucceeded(reply);
            result = JMSManagementHelper.getResult(reply);
        } catch (Exception e) {
            throw new IllegalStateException("reading the message count of " + queue + " failed", e);
        }
        if (!succeeded) {
            throw new IllegalStateException("the broker refused the message count of " + queue + ": " + result);
        }
        return ((Number) result).longValue();
    }

    @Override
    public void close() {
        factory.close();
    }

    private static String url() {
        return "tcp://" + property("fabric.broker.host") + ":" + property("fabric.broker.port");
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("system property " + name + " is not set in the container");
        }
        return value;
    }
}
