package org.funcfabric.bridge.jms;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.util.Optional;
import java.util.logging.Logger;
import org.funcfabric.protocol.Destinations;
import org.funcfabric.protocol.EndpointCredentials;
import org.funcfabric.protocol.ProtocolException;
import org.funcfabric.protocol.ProtocolJson;

/** Reads protocol records out of incoming messages, and who sent them. */
final class MessageBodies {
    private static final Logger LOG = Logger.getLogger(MessageBodies.class.getName());


    private MessageBodies() {
    }

    /**
     * Whether the broker says {@code message} was sent with the broker credential of endpoint
     * {@code endpointId}: an endpoint's credential is bound to its id, so what it says about another
     * endpoint (a result for a task it was not sent, a heartbeat) is refused here. Logs the refusal.
     */
    static boolean sentByEndpoint(Message message, String endpointId) {
        String sender;
        try {
            sender = message.getStringProperty(Destinations.SENDER_PROPERTY);
        } catch (JMSException e) {
            throw new IllegalStateException("could not read the sender of message " + ResultListener.describe(message), e);
        }
        boolean own = endpointId != null && EndpointCredentials.endpointOf(sender).filter(endpointId::equals).isPresent();
        if (!own) {
            LOG.warning(() -> "message " + ResultListener.describe(message) + " about endpoint " + endpointId
                    + " sent by broker user " + sender + " dropped: only that endpoint's own credential may send it");
        }
        return own;
    }

    /** Which delivery of {@code message} this is, 1 for the first (and when the broker does not say). */
    static int deliveryCount(Message message) {
        try {
            return message.propertyExists(Destinations.DELIVERY_COUNT_PROPERTY)
                    ? Math.max(1, message.getIntProperty(Destinations.DELIVERY_COUNT_PROPERTY)) : 1;
        } catch (JMSException e) {
            return 1;
        }
    }

    /**
     * The message's record, or empty for a message that can never be read (wrong type, bad JSON):
     * redelivering those would only fill the dead-letter queue later, so they are logged and dropped.
     * A JMS failure while reading is thrown, so the broker redelivers.
     */
    static <T> Optional<T> read(Message message, Class<T> type) {
        if (!(message instanceof TextMessage text)) {
            LOG.warning(() -> "non-text message " + ResultListener.describe(message) + " on a " + type.getSimpleName()
                    + " queue dropped");
            return Optional.empty();
        }
        try {
            return Optional.of(ProtocolJson.fromJson(text.getText(), type));
        } catch (ProtocolException e) {
            LOG.warning(() -> "unreadable " + type.getSimpleName() + " " + ResultListener.describe(message)
                    + " dropped: " + e.getMessage());
            return Optional.empty();
        } catch (JMSException e) {
            throw new IllegalStateException("could not read message " + ResultListener.describe(message), e);
        }
    }
}
