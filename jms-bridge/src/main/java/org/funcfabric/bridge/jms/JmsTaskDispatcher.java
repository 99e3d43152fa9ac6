package org.funcfabric.bridge.jms;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import jakarta.resource.ConnectionFactoryDefinition;
import jakarta.resource.spi.TransactionSupport.TransactionSupportLevel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.funcfabric.core.common.ErrorCode;
import org.funcfabric.core.common.FabricException;
import org.funcfabric.core.task.TaskDispatcher;
import org.funcfabric.protocol.Destinations;
import org.funcfabric.protocol.ProtocolJson;
import org.funcfabric.protocol.TaskMessage;

/**
 * Sends task messages through the Artemis resource adapter. The connection factory is XA, so the
 * sends join the submitting transaction: the broker sees the messages only if the tasks' rows commit
 * too, and a failed commit leaves neither (one JTA transaction instead of an outbox). Durable sends do
 * not wait for the broker one by one: the broker marks a transaction with a failed send rollback-only,
 * so its prepare fails and the submission with it; a batch of 1,000 tasks costs one round trip at the
 * commit instead of 1,000.
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
            // Sends join an XA transaction whose prepare fails if a send did: no round trip per message.
            "BlockOnDurableSend=false"
        })
public class JmsTaskDispatcher implements TaskDispatcher {
    /** JNDI name of the outbound, XA connection factory of the broker. */
    public static final String CONNECTION_FACTORY = "java:app/jms/fabric";
    private static final Logger LOG = Logger.getLogger(JmsTaskDispatcher.class.getName());
    /** Artemis's message property that holds a message back until that epoch millisecond. */
    private static final String SCHEDULED_DELIVERY_TIME = "_AMQ_SCHED_DELIVERY";

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

    private void send(List<TaskMessage> messages, long deliverAt) {
        try (JMSContext context = factory.createContext()) {
            JMSProducer producer = context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
            Map<String, Queue> queues = new HashMap<>();
            for (TaskMessage m : messages) {
                TextMessage message = context.createTextMessage(ProtocolJson.toJson(m));
                message.setStringProperty("taskId", m.taskId());
                message.setStringProperty("taskGroupId", m.taskGroupId());
                if (deliverAt > 0) {
                    message.setLongProperty(SCHEDULED_DELIVERY_TIME, deliverAt);
                }
                producer.send(queues.computeIfAbsent(m.endpointId(), e -> context.createQueue(Destinations.taskQueue(e))),
                        message);
            }
        } catch (JMSRuntimeException | JMSException e) {
            LOG.log(Level.WARNING, ErrorCode.SERVICE_UNAVAILABLE + ": task dispatch failed", e);
            throw new FabricException(ErrorCode.SERVICE_UNAVAILABLE,
                    "The message broker is unavailable; no task was accepted. Try again shortly.");
        }
    }
}
