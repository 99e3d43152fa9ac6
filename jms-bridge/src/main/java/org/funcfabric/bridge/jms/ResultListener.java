package org.funcfabric.bridge.jms;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import org.funcfabric.core.task.ResultRecorder;
import java.util.List;
import org.funcfabric.protocol.ResultBatch;
import org.funcfabric.protocol.ResultMessage;

/**
 * Takes worker results from {@code fabric.results} and stores them. Not in an XA transaction with the
 * delivery: the result is stored in its own transaction and the delivery acknowledged after it commits,
 * and a failure to store (an exception) makes the broker redeliver. A crash between the two redelivers a
 * result already stored, which the store ignores (results are idempotent), whereas an XA delivery
 * whose broker died between prepare and commit stays prepared on the broker, and its result with it,
 * until a transaction manager recovers it — which Payara does not do for the resource adapter's
 * inbound side (the fault-injection suite lost results that way when it killed the broker).
 *
 * <p>A worker sends the results of a slot's transaction as one {@link ResultBatch}, stored in one
 * database transaction; a lone {@link ResultMessage} (older workers, the worker's spool) is a batch of
 * one.
 *
 * <p>A result whose task is not in the store yet ({@link org.funcfabric.core.task.ResultBeforeTask}: a
 * quick worker answered before the submitting transaction ended) is thrown back the same way, and the
 * broker delivers it again after a delay.
 */
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "artemis-ra"),
    @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
    @ActivationConfigProperty(propertyName = "destination", propertyValue = "fabric.results"),
    @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
    @ActivationConfigProperty(propertyName = "user", propertyValue = "${MPCONFIG=fabric.broker.user}"),
    @ActivationConfigProperty(propertyName = "password", propertyValue = "${MPCONFIG=fabric.broker.password}"),
    @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "8"),
    @ActivationConfigProperty(propertyName = "setupAttempts", propertyValue = "-1"),
    // a local JMS transaction per delivery: committed after onMessage returns, rolled back (redelivered)
    // when it throws
    @ActivationConfigProperty(propertyName = "useLocalTx", propertyValue = "true")
})
public class ResultListener implements MessageListener {
    @Inject
    private ResultRecorder recorder;

    @Override
    public void onMessage(Message message) {
        List<ResultMessage> results = isBatch(message)
                ? MessageBodies.read(message, ResultBatch.class).map(ResultBatch::results).orElse(List.of())
                : MessageBodies.read(message, ResultMessage.class).map(List::of).orElse(List.of());
        // the sender's credential must be the result's endpoint's, and the recorder checks that the task
        // was sent to that endpoint: no endpoint can forge another's results
        List<ResultMessage> own = results.stream()
                .filter(result -> MessageBodies.sentByEndpoint(message, result.endpointId()))
                .toList();
        if (!own.isEmpty()) {
            recorder.record(own, MessageBodies.deliveryCount(message));
        }
    }

    private static boolean isBatch(Message message) {
        try {
            return ResultBatch.JMS_TYPE.equals(message.getJMSType());
        } catch (JMSException e) {
            throw new IllegalStateException("could not read the type of message " + describe(message), e);
        }
    }

    static String describe(Message message) {
        try {
            return message.getJMSMessageID();
        } catch (JMSException e) {
            return "?";
        }
    }
}
