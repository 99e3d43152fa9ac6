package org.funcfabric.worker.jms;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.funcfabric.protocol.CommandMessage;
import org.funcfabric.protocol.Destinations;
import org.funcfabric.protocol.ProtocolException;
import org.funcfabric.protocol.ProtocolJson;
import org.funcfabric.protocol.TrustedSender;

/**
 * The worker's non-durable subscription to its endpoint's command address
 * ({@code fabric.commands.<endpoint-id>}, multicast). Commands are only worth hearing while the worker
 * runs, so nothing is kept for a worker that is away; {@code stop} is the connector's business and is
 * ignored here. Runs on its own auto-acknowledged session, never on a slot's transacted one. A command the
 * broker says anyone but the service's broker user sent is ignored.
 */
public final class CommandSubscriber {
    private static final Logger LOG = Logger.getLogger(CommandSubscriber.class.getName());

    private final BrokerConnection broker;
    private final String endpointId;
    private final TrustedSender trustedSender;
    private final Consumer<List<String>> onCancel;
    private Session session;

    /** @param onCancel receives the task ids of each cancel command, on the client's delivery thread */
    public CommandSubscriber(BrokerConnection broker, String endpointId, TrustedSender trustedSender,
                             Consumer<List<String>> onCancel) {
        this.broker = broker;
        this.endpointId = endpointId;
        this.trustedSender = trustedSender;
        this.onCancel = onCancel;
    }

    public void start() throws JMSException {
        session = broker.createAutoAcknowledgeSession();
        MessageConsumer consumer = session.createConsumer(session.createTopic(Destinations.commandTopic(endpointId)));
        consumer.setMessageListener(this::onMessage);
    }

    /** Closes the subscription; closing the connection does too. */
    public void stop() {
        Session s = session;
        session = null;
        if (s != null) {
            try {
                s.close();
            } catch (JMSException e) {
                LOG.fine(() -> "closing the command session failed: " + e);
            }
        }
    }

    public boolean isStarted() {
        return session != null;
    }

    private void onMessage(Message message) {
        CommandMessage command;
        String sender;
        try {
            sender = message.getStringProperty(Destinations.SENDER_PROPERTY);
            if (!(message instanceof TextMessage text) || text.getText() == null) {
                throw new ProtocolException("not a JSON text message");
            }
            command = ProtocolJson.fromJson(text.getText(), CommandMessage.class);
        } catch (JMSException | ProtocolException e) {
            // A command is advice: dropping a malformed one must not stop the endpoint's other commands.
            LOG.warning(() -> "ignoring a malformed command: " + e.getMessage());
            return;
        }
        if (!trustedSender.sent(sender)) {
            LOG.warning(() -> "command " + command.type() + " of tasks " + command.taskIds() + " sent by broker user "
                    + (sender == null ? "(none stamped)" : sender) + " ignored: commands are accepted only from the"
                    + " service's broker user " + trustedSender.user());
            return;
        }
        if (CommandMessage.CANCEL.equals(command.type()) && command.taskIds() != null) {
            LOG.info(() -> "cancel of tasks " + command.taskIds());
            onCancel.accept(command.taskIds());
        }
    }
}
