package org.funcfabric.connector.command;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.funcfabric.connector.registration.QueueInfo;
import org.funcfabric.protocol.CommandMessage;
import org.funcfabric.protocol.Destinations;
import org.funcfabric.protocol.ProtocolException;
import org.funcfabric.protocol.ProtocolJson;
import org.funcfabric.protocol.TrustedSender;

/**
 * Holds a non-durable subscription on the endpoint's command address and runs the connector's stop
 * action on the first {@code stop} command. Non-durable because a command is about now: a connector
 * that was not running when its endpoint was locked is refused at re-registration anyway.
 *
 * <p>Only a command the broker says the service's broker user sent is acted on; any other is logged and
 * ignored.
 *
 * <p>The stop action runs on a thread of its own: it stops this listener too, and a JMS listener
 * cannot close its own context from inside {@code onMessage}.
 */
public final class CommandListener {
    private static final Logger LOG = Logger.getLogger(CommandListener.class.getName());
    private static final long RETRY_INTERVAL_MS = 1_000;
    private static final long LONGEST_RETRY_INTERVAL_MS = 10_000;

    private final QueueInfo commands;
    private final String endpointId;
    private final TrustedSender trustedSender;
    private final Runnable onStop;
    private final AtomicBoolean stopOrdered = new AtomicBoolean();

    private JMSContext context;

    /**
     * @param commands   the command address and how to reach it, as registration returned it
     * @param endpointId the endpoint whose commands to act on
     * @param trustedSender whose commands to act on: the service's broker user
     * @param onStop     what a {@code stop} command does; run at most once
     */
    public CommandListener(QueueInfo commands, String endpointId, TrustedSender trustedSender, Runnable onStop) {
        this.commands = commands;
        this.endpointId = endpointId;
        this.trustedSender = trustedSender;
        this.onStop = onStop;
    }

    /**
     * Subscribes; from now on commands are heard.
     *
     * @throws JMSRuntimeException when the broker cannot be reached or refuses the subscription
     */
    public synchronized void start() {
        if (context != null) {
            return;
        }
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(commands.connectionUrl(),
                commands.username(), commands.password());
        // reconnects forever: the subscription is re-made on the new connection
        factory.setReconnectAttempts(-1);
        factory.setRetryInterval(RETRY_INTERVAL_MS);
        factory.setRetryIntervalMultiplier(2.0);
        factory.setMaxRetryInterval(LONGEST_RETRY_INTERVAL_MS);
        JMSContext created = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
        try {
            created.createConsumer(created.createTopic(commands.queue())).setMessageListener(this::onMessage);
        } catch (JMSRuntimeException e) {
            created.close();
            throw e;
        }
        context = created;
        LOG.info(() -> "listening for commands on " + commands.queue());
    }

    public synchronized void stop() {
        if (context != null) {
            context.close();
            context = null;
        }
    }

    public synchronized boolean isStarted() {
        return context != null;
    }

    private void onMessage(Message message) {
        CommandMessage command;
        String sender;
        try {
            sender = message.getStringProperty(Destinations.SENDER_PROPERTY);
            command = ProtocolJson.fromJson(message.getBody(String.class), CommandMessage.class);
        } catch (JMSException | ProtocolException e) {
            LOG.warning(() -> "unreadable command on " + commands.queue() + " ignored: " + e.getMessage());
            return;
        }
        if (!trustedSender.sent(sender)) {
            LOG.warning(() -> "command " + command.type() + " for endpoint " + command.endpointId()
                    + " sent by broker user " + (sender == null ? "(none stamped)" : sender) + " ignored: commands"
                    + " are accepted only from the service's broker user " + trustedSender.user());
            return;
        }
        if (CommandMessage.STOP.equals(command.type()) && endpointId.equals(command.endpointId())
                && stopOrdered.compareAndSet(false, true)) {
            LOG.warning(() -> "the service ordered endpoint " + endpointId + " to stop (it was locked or deleted)");
            Thread stopping = new Thread(onStop, "connector-stop-command");
            stopping.start();
        }
    }
}
