package org.funcfabric.bridge.jms;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import org.funcfabric.core.task.Broadcast;
import org.funcfabric.core.task.TaskEventAppended;
import org.funcfabric.protocol.Destinations;

/**
 * This service instance's ear on {@code fabric.events}: the other instances' notices that a task group
 * has a new task event, fired here as asynchronous CDI events qualified {@link Broadcast} for the event
 * streams and long polls this instance serves (its own notices it fired directly, see
 * {@link TaskEventPublisher}). The subscription is non-durable: notices sent while the instance is
 * down are not needed, as a stream starts by reading the store.
 *
 * <p>No transaction: a notice only says "read again", so one lost to a failure costs a stream at most
 * its next poll, which does not justify a transaction per notice.
 */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "artemis-ra"),
    @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
    @ActivationConfigProperty(propertyName = "destination", propertyValue = Destinations.EVENTS),
    @ActivationConfigProperty(propertyName = "subscriptionDurability", propertyValue = "NonDurable"),
    @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
    @ActivationConfigProperty(propertyName = "user", propertyValue = "${MPCONFIG=fabric.broker.user}"),
    @ActivationConfigProperty(propertyName = "password", propertyValue = "${MPCONFIG=fabric.broker.password}"),
    // Each session of a non-durable topic subscription is a subscriber of its own and would get its own
    // copy of every notice.
    @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "1"),
    @ActivationConfigProperty(propertyName = "setupAttempts", propertyValue = "-1")
})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TaskEventListener implements MessageListener {
    @Inject
    @Broadcast
    private Event<TaskEventAppended> appended;

    @Override
    public void onMessage(Message message) {
        if (!fromThisInstance(message)) {
            MessageBodies.read(message, TaskEventNotice.class).ifPresent(notice -> appended.fireAsync(notice.toEvent()));
        }
    }

    private static boolean fromThisInstance(Message message) {
        try {
            return TaskEventNotice.THIS_INSTANCE.equals(message.getStringProperty(TaskEventNotice.ORIGIN_PROPERTY));
        } catch (JMSException e) {
            return false;
        }
    }
}
