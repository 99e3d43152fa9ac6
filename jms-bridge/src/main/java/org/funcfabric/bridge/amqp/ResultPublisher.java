package org.funcfabric.bridge.amqp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.funcfabric.core.task.TaskCompleted;
import org.funcfabric.core.task.TasksCompleted;

/**
 * Pushes every stored terminal result of a task group with a result queue (submitted with
 * {@code create_queue}) to that queue, once the transaction that stored it has committed, one hand-off
 * and one channel per transaction; results of other groups cost nothing here. The database is the
 * record, so a rolled-back result is never announced,
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
        List<TaskCompleted> queued = completed.tasks().stream().filter(TaskCompleted::resultQueue).toList();
        if (queued.isEmpty() || !queues.isEnabled()) {
            return;
        }
        String described = queued.size() == 1 ? "result of task " + queued.get(0).taskId() : queued.size() + " results";
        try {
            sender.send(queued).whenComplete((ok, failure) -> {
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
