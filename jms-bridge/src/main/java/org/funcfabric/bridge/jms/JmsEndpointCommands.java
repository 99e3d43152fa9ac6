package org.funcfabric.bridge.jms;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.funcfabric.core.common.ErrorCode;
import org.funcfabric.core.common.FabricException;
import org.funcfabric.core.endpoint.EndpointCommands;
import org.funcfabric.protocol.CommandMessage;
import org.funcfabric.protocol.CredentialRevocation;
import org.funcfabric.protocol.Destinations;
import org.funcfabric.protocol.ProtocolJson;

/**
 * Publishes commands to an endpoint's multicast address {@code fabric.commands.<endpoint-id>} through
 * the XA connection factory, so they join the transaction that cancelled the tasks or locked the
 * endpoint: a rolled-back cancellation sends nothing.
 *
 * <p>Credential revocations go to the broker itself ({@code fabric.credentials}), persistent.
 *
 * <p>Commands are non-persistent: the subscriptions are non-durable (the connector's and each worker's), so a
 * command only matters to those listening now. A worker that is down misses it and is covered anyway:
 * the cancelled task is terminal in the store, and its late result is ignored.
 */
@Stateless
public class JmsEndpointCommands implements EndpointCommands {
    /** Ids per cancel command, so a cancelled group of any size makes messages of bounded size. */
    static final int MAX_IDS_PER_COMMAND = 1_000;
    /**
     * How long the broker holds a revocation back: the stop command sent with it reaches the connector
     * first, so the endpoint's processes stop on their own before their connections are cut.
     */
    static final long REVOCATION_DELAY_MS = 2_000;
    private static final Logger LOG = Logger.getLogger(JmsEndpointCommands.class.getName());

    @Resource(lookup = JmsTaskDispatcher.CONNECTION_FACTORY)
    private ConnectionFactory factory;

    @Override
    public void cancel(String endpointId, Collection<String> taskIds) {
        List<CommandMessage> commands = new ArrayList<>();
        for (List<String> chunk : chunks(List.copyOf(taskIds), MAX_IDS_PER_COMMAND)) {
            commands.add(new CommandMessage(CommandMessage.VERSION, CommandMessage.CANCEL, endpointId, chunk,
                    System.currentTimeMillis()));
        }
        publish(endpointId, commands);
    }

    @Override
    public void stop(String endpointId) {
        publish(endpointId, List.of(new CommandMessage(CommandMessage.VERSION, CommandMessage.STOP, endpointId,
                List.of(), System.currentTimeMillis())));
    }

    @Override
    public void revokeCredentials(String endpointId, int validFrom) {
        try (JMSContext context = factory.createContext()) {
            context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).setDeliveryDelay(REVOCATION_DELAY_MS)
                    .send(context.createQueue(Destinations.CREDENTIALS), ProtocolJson.toJson(new CredentialRevocation(
                            CredentialRevocation.VERSION, endpointId, validFrom, System.currentTimeMillis())));
        } catch (JMSRuntimeException e) {
            throw unavailable("credential revocation of endpoint " + endpointId, e);
        }
    }

    static List<List<String>> chunks(List<String> ids, int size) {
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += size) {
            chunks.add(ids.subList(from, Math.min(ids.size(), from + size)));
        }
        return chunks;
    }

    private void publish(String endpointId, List<CommandMessage> commands) {
        try (JMSContext context = factory.createContext()) {
            var producer = context.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            var topic = context.createTopic(Destinations.commandTopic(endpointId));
            for (CommandMessage command : commands) {
                producer.send(topic, ProtocolJson.toJson(command));
            }
        } catch (JMSRuntimeException e) {
            throw unavailable("command to endpoint " + endpointId, e);
        }
    }

    private static FabricException unavailable(String what, JMSRuntimeException e) {
        LOG.log(Level.WARNING, ErrorCode.SERVICE_UNAVAILABLE + ": " + what + " not sent", e);
        return new FabricException(ErrorCode.SERVICE_UNAVAILABLE,
                "The message broker is unavailable; nothing was changed. Try again shortly.");
    }
}
