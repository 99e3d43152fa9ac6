package org.funcfabric.bridge.jms;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import org.funcfabric.core.task.ResultRecorder;
import org.funcfabric.protocol.ResultMessage;

/**
 * Takes worker results from {@code fabric.results} and stores them, in the message's XA transaction:
 * a failure to store rolls the delivery back so the broker redelivers it.
 */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "artemis-ra"),
    @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
    @ActivationConfigProperty(propertyName = "destination", propertyValue = "fabric.results"),
    @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
    @ActivationConfigProperty(propertyName = "user", propertyValue = "${MPCONFIG=fabric.broker.user}"),
    @ActivationConfigProperty(propertyName = "password", propertyValue = "${MPCONFIG=fabric.broker.password}"),
    @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "8"),
    @ActivationConfigProperty(propertyName = "setupAttempts", propertyValue = "-1")
})
public class ResultListener implements MessageListener {
    @Inject
    private ResultRecorder recorder;

    @Override
    public void onMessage(Message message) {
        MessageBodies.read(message, ResultMessage.class).ifPresent(recorder::record);
    }

    static String describe(Message message) {
        try {
            return message.getJMSMessageID();
        } catch (JMSException e) {
            return "?";
        }
    }
}
