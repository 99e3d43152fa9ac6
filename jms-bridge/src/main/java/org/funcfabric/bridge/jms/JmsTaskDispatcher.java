package org.funcfabric.bridge.jms;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.resource.ConnectionFactoryDefinition;
import jakarta.resource.spi.TransactionSupport.TransactionSupportLevel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.funcfabric.core.common.ErrorCode;
import org.funcfabric.core.common.FabricException;
import org.funcfabric.core.task.TaskDispatcher;
import org.funcfabric.protocol.Destinations;
import org.funcfabric.protocol.ProtocolJson;
import org.funcfabric.protocol.TaskMessage;

/**
 * Sends task messages through the Artemis resource adapter. Inside a JTA transaction (a retry's next
 * attempt, the outbox's resend) the connection factory is XA and the sends join it: the broker sees the
 * messages only if the transaction commits. A committed submission's messages ({@link #sendNow}) go
 * in a local broker transaction instead, which costs one journal sync rather than a two-phase commit.
 * Durable sends do not wait for the broker one by one: the broker fails the commit (or the prepare) of
 * a transaction with a failed send, so a batch of 1,000 tasks costs one round trip at the commit instead
 * of 1,000.
 */
@Stateless
@ConnectionFactoryDefinition(
        name = JmsTaskDispatcher.CONNECTION_FACTORY,
        interfaceName = "jakarta.jms.ConnectionFactory",
        resourceAdapter = "artemis-ra",
        transactionSupport = TransactionSupportLevel.XATransaction,
        maxPoolSize = 32,
        minPoolSize = 1,
        properties = {
            "ConnectionParameters=host=${MPCONFIG=fabric.broker.host};port=${MPCONFIG=fabric.broker.port}",
            "UserName=${MPCONFIG=fabric.broker.user}",
            "Password=${MPCONFIG=fabric.broker.password}",
            // A transaction whose send failed fails its commit: no round trip per message.
            "BlockOnDurableSend=false",
            // sendNow: a transacted session outside JTA
            "AllowLocalTransactions=true"
        })
public class JmsTaskDispatcher implements TaskDispatcher {
    /** JNDI name of the outbound, XA connection factory of the broker. */
    public static final String CONNECTION_FACTORY = "java:app/jms/fabric";
    private static final Logger LOG = Logger.getLogger(JmsTaskDispatcher.class.getName());
    /** Artemis's message property that holds a message back until that epoch millisecond. */
    private static final String SCHEDULED_DELIVERY_TIME = "_AMQ_SCHED_DELIVERY";
    /**
     * Endpoint id → its task queue. Artemis asks the broker about a queue each time a session names it,
     * a round trip per submission; the queue object itself is only a name, valid in any session.
     */
    private static final Map<String, Queue> QUEUES = new ConcurrentHashMap<>();

    @Resource(lookup = CONNECTION_FACTORY)
    private ConnectionFactory factory;

    @Override
    public void dispatch(List<TaskMessage> messages) {
        send(messages, 0);
    }

    @Override
    public void dispatchAt(TaskMessage message, long deliverAt) {
        send(List.of(message), deliverAt);
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void sendNow(List<TaskMessage> messages) {
        // the classic API: the adapter refuses a transacted JMSContext outside JTA, not a transacted Session
        try (Connection connection = factory.createConnection();
             Session session = connection.createSession(true, Session.SESSION_TRANSACTED)) {
            produce(session, messages, 0);
            session.commit();
        } catch (JMSRuntimeException | JMSException e) {
            throw unavailable(e);
        }
    }

    private void send(List<TaskMessage> messages, long deliverAt) {
        try (Connection connection = factory.createConnection();
             Session session = connection.createSession()) {
            produce(session, messages, deliverAt);
        } catch (JMSRuntimeException | JMSException e) {
            throw unavailable(e);
        }
    }

    private static FabricException unavailable(Exception e) {
        LOG.log(Level.WARNING, ErrorCode.SERVICE_UNAVAILABLE + ": task dispatch failed", e);
        return new FabricException(ErrorCode.SERVICE_UNAVAILABLE, "The message broker is unavailable; try again shortly.");
    }

    private static void produce(Session session, List<TaskMessage> messages, long deliverAt) throws JMSException {
        try (MessageProducer producer = session.createProducer(null)) {
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (TaskMessage m : messages) {
                TextMessage message = session.createTextMessage(ProtocolJson.toJson(m));
                message.setStringProperty("taskId", m.taskId());
                message.setStringProperty("taskGroupId", m.taskGroupId());
                if (deliverAt > 0) {
                    message.setLongProperty(SCHEDULED_DELIVERY_TIME, deliverAt);
                }
                Queue queue = QUEUES.get(m.endpointId());
                if (queue == null) {
                    queue = session.createQueue(Destinations.taskQueue(m.endpointId()));
                    QUEUES.put(m.endpointId(), queue);
                }
                producer.send(queue, message);
            }
        }
    }
}
