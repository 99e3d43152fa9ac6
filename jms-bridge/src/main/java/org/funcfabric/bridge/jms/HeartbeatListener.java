package org.funcfabric.bridge.jms;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import org.funcfabric.core.endpoint.EndpointRegistry;
import org.funcfabric.protocol.HeartbeatMessage;

/**
 * Takes connector heartbeats from {@code fabric.heartbeats} into the endpoint registry; only an
 * endpoint's own broker credential may report on it.
 */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "artemis-ra"),
    @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
    @ActivationConfigProperty(propertyName = "destination", propertyValue = "fabric.heartbeats"),
    @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
    @ActivationConfigProperty(propertyName = "user", propertyValue = "${MPCONFIG=fabric.broker.user}"),
    @ActivationConfigProperty(propertyName = "password", propertyValue = "${MPCONFIG=fabric.broker.password}"),
    @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "2"),
    @ActivationConfigProperty(propertyName = "setupAttempts", propertyValue = "-1")
})
public class HeartbeatListener implements MessageListener {
    @Inject
    private EndpointRegistry registry;

    @Override
    public void onMessage(Message message) {
        MessageBodies.read(message, HeartbeatMessage.class)
                .filter(beat -> MessageBodies.sentByEndpoint(message, beat.endpointId()))
                .ifPresent(registry::recordHeartbeat);
    }
}
