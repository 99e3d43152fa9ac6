package org.funcfabric.bridge.jms;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.funcfabric.core.task.ResultRecorder;
import org.funcfabric.protocol.TaskMessage;

/**
 * Fails the tasks whose messages the broker dead-lettered, so they do not wait forever: a task message
 * that no worker acknowledged within the broker's delivery limit (10, then it goes to the address
 * {@code DLQ}: broker/ BrokerConfiguration) ends {@code failed} with a {@code WorkerLost} exception.
 *
 * <p>The broker makes the dead-letter address multicast with one filtered queue per original queue,
 * so this bean holds a durable subscription of its own there, shared by every service instance, and
 * picks out task messages by their original address. A dead-lettered copy does not carry the
 * deliveries of the original, so their number is the broker's limit unless the message says more.
 * Like {@link ResultListener}, it acknowledges after its own transaction commits (ending a task as lost
 * twice is a no-op), not in an XA transaction a dying broker could leave prepared.
 */
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "artemis-ra"),
    @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
    @ActivationConfigProperty(propertyName = "destination", propertyValue = DeadLetterListener.DEAD_LETTER_ADDRESS),
    @ActivationConfigProperty(propertyName = "subscriptionDurability", propertyValue = "Durable"),
    @ActivationConfigProperty(propertyName = "subscriptionName", propertyValue = "fabric-dead-tasks"),
    @ActivationConfigProperty(propertyName = "shareSubscriptions", propertyValue = "true"),
    @ActivationConfigProperty(propertyName = "messageSelector",
            propertyValue = "_AMQ_ORIG_ADDRESS LIKE 'fabric.tasks.%'"),
    @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
    @ActivationConfigProperty(propertyName = "user", propertyValue = "${MPCONFIG=fabric.broker.user}"),
    @ActivationConfigProperty(propertyName = "password", propertyValue = "${MPCONFIG=fabric.broker.password}"),
    @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "1"),
    @ActivationConfigProperty(propertyName = "setupAttempts", propertyValue = "-1"),
    // a local JMS transaction per delivery: committed after onMessage returns, rolled back (redelivered)
    // when it throws
    @ActivationConfigProperty(propertyName = "useLocalTx", propertyValue = "true")
})
public class DeadLetterListener implements MessageListener {
    /** The broker's dead-letter address (BrokerConfiguration.DEAD_LETTER_ADDRESS). */
    static final String DEAD_LETTER_ADDRESS = "DLQ";

    @Inject
    private ResultRecorder recorder;

    @Inject
    @ConfigProperty(name = "fabric.broker.max-delivery-attempts", defaultValue = "10")
    int maxDeliveryAttempts;

    @Override
    public void onMessage(Message message) {
        MessageBodies.read(message, TaskMessage.class).ifPresent(task ->
                recorder.deadLettered(task.taskId(), task.endpointId(), deliveries(message)));
    }

    private int deliveries(Message message) {
        return Math.max(MessageBodies.deliveryCount(message), maxDeliveryAttempts);
    }
}
