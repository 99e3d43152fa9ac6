package org.funcfabric.bridge.jms;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.funcfabric.core.task.TaskCompleted;
import org.funcfabric.protocol.Destinations;
import org.funcfabric.protocol.ProtocolJson;

/**
 * Announces every stored terminal result on the multicast address {@code fabric.events} once the
 * transaction that stored it has committed, so that every service instance ({@link TaskEventListener})
 * wakes the event streams of that task group. A notice is best effort — non-persistent, and lost if
 * the broker is away or the service stops right after the commit — because the store is the record:
 * streams also poll it, so a lost notice delays events by one poll and never loses one.
 */
@ApplicationScoped
public class TaskEventPublisher {
    private static final Logger LOG = Logger.getLogger(TaskEventPublisher.class.getName());

    @Resource(lookup = JmsTaskDispatcher.CONNECTION_FACTORY)
    private ConnectionFactory factory;

    @Resource
    private ManagedExecutorService executor;

    void onCompleted(@Observes(during = TransactionPhase.AFTER_SUCCESS) TaskCompleted task) {
        TaskEventNotice notice = TaskEventNotice.of(task);
        try {
            // Off the committing thread: its transaction has ended, and a send through the resource
            // adapter on that thread would try to enlist in it.
            executor.execute(() -> announce(notice));
        } catch (RejectedExecutionException e) {
            LOG.log(Level.WARNING, "task event " + notice.eventNumber() + " of task group " + notice.taskGroupId()
                    + " not announced (the service is stopping)", e);
        }
    }

    private void announce(TaskEventNotice notice) {
        try (JMSContext context = factory.createContext()) {
            context.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT)
                    .send(context.createTopic(Destinations.EVENTS), ProtocolJson.toJson(notice));
        } catch (JMSRuntimeException e) {
            // Nothing to redeliver: the result is committed, and the streams' poll will find it.
            LOG.log(Level.WARNING, "task event " + notice.eventNumber() + " of task group " + notice.taskGroupId()
                    + " not announced on " + Destinations.EVENTS + "; its streams find it at their next poll", e);
        }
    }
}
