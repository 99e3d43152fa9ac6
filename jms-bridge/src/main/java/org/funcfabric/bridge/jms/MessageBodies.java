package org.funcfabric.bridge.jms;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.util.Optional;
import java.util.logging.Logger;
import org.funcfabric.protocol.ProtocolException;
import org.funcfabric.protocol.ProtocolJson;

/** Reads protocol records out of incoming messages. */
final class MessageBodies {
    private static final Logger LOG = Logger.getLogger(MessageBodies.class.getName());

    private MessageBodies() {
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
