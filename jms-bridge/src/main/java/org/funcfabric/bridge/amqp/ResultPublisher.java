package org.funcfabric.bridge.amqp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.funcfabric.core.task.TaskCompleted;

/**
 * Pushes every stored terminal result to its task group's AMQP queue, once the transaction that
 * stored it has committed: the database is the record, so a rolled-back result is never announced,
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

    void onCompleted(@Observes(during = TransactionPhase.AFTER_SUCCESS) TaskCompleted task) {
        if (!queues.isEnabled()) {
            return;
        }
        try {
            sender.send(task).whenComplete((ok, failure) -> {
                if (failure != null) {
                    LOG.log(Level.WARNING, "result of task " + task.taskId() + " not published to its AMQP queue after "
                            + (ResultSender.MAX_RETRIES + 1) + " attempts; it stays available over REST", failure);
                }
            });
        } catch (Exception e) {
            // an AFTER_SUCCESS observer cannot undo the commit; never let it disturb the caller
            LOG.log(Level.WARNING, "result of task " + task.taskId() + " not handed to the AMQP publisher", e);
        }
    }
}
