package org.funcfabric.bridge.amqp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.funcfabric.core.task.TasksCompleted;

/**
 * Pushes every stored terminal result to its task group's AMQP queue, once the transaction that
 * stored it has committed, one hand-off and one channel per transaction: the database is the record, so a rolled-back result is never announced,
 * and a publish that still fails after {@link ResultSender}'s retries is logged and dropped — the
 * result stays readable over REST.
 */
@ApplicationScoped
public class ResultPublisher {
    private static final Logger LOG = Logger.getLogger(ResultPublisher.class.getName());

    @Inject
    private AmqpResultQueues queues;

    @Inject
    private ResultSender sender;

    void onCompleted(@Observes(during = TransactionPhase.AFTER_SUCCESS) TasksCompleted completed) {
        if (!queues.isEnabled()) {
            return;
        }
        String described = completed.tasks().size() == 1 ? "result of task " + completed.tasks().get(0).taskId()
                : completed.tasks().size() + " results";
        try {
            sender.send(completed.tasks()).whenComplete((ok, failure) -> {
                if (failure != null) {
                    LOG.log(Level.WARNING, described + " not published to AMQP queues after "
                            + (ResultSender.MAX_RETRIES + 1) + " attempts; they stay available over REST", failure);
                }
            });
        } catch (Exception e) {
            // an AFTER_SUCCESS observer cannot undo the commit; never let it disturb the caller
            LOG.log(Level.WARNING, described + " not handed to the AMQP publisher", e);
        }
    }
}
