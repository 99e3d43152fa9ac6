package org.funcfabric.bridge.jms;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Topic;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.funcfabric.core.common.ServiceThreads;
import org.funcfabric.core.task.Broadcast;
import org.funcfabric.core.task.TaskEventAppended;
import org.funcfabric.core.task.TasksCompleted;
import org.funcfabric.protocol.Destinations;
import org.funcfabric.protocol.ProtocolJson;

/**
 * Announces stored terminal results once the transaction that stored them has committed: to this
 * service instance's event streams and long polls directly, and to the other instances on the multicast
 * address {@code fabric.events} ({@link TaskEventListener}, which ignores this instance's own notices).
 * One notice per group per transaction, naming the group's highest new event number, since a stream
 * reads every event up to the number it hears of. A
 * notice is best effort — non-persistent, and lost if the broker is away or the service stops right
 * after the commit — because the store is the record: streams also poll it, so a lost notice delays
 * events by one poll and never loses one.
 */
@ApplicationScoped
public class TaskEventPublisher {
    private static final Logger LOG = Logger.getLogger(TaskEventPublisher.class.getName());

    @Resource(lookup = JmsTaskDispatcher.CONNECTION_FACTORY)
    private ConnectionFactory factory;


    @Inject
    private ServiceThreads threads;

    @Inject
    @Broadcast
    private Event<TaskEventAppended> appended;

    private volatile Topic events;
    private ScheduledExecutorService executor;
    private NotificationOptions onExecutor;

    @PostConstruct
    void usePool() {
        executor = threads.pool(ServiceThreads.Pool.TASK_EVENTS);
        onExecutor = NotificationOptions.ofExecutor(executor);
    }

    void onCompleted(@Observes(during = TransactionPhase.AFTER_SUCCESS) TasksCompleted completed) {
        List<TaskEventNotice> notices = TaskEventNotice.of(completed);
        notices.forEach(notice -> appended.fireAsync(notice.toEvent(), onExecutor));
        try {
            // Off the committing thread: its transaction has ended, and a send through the resource
            // adapter on that thread would try to enlist in it.
            executor.execute(() -> announce(notices));
        } catch (RejectedExecutionException e) {
            LOG.log(Level.WARNING, "task events of " + notices.size() + " task groups not announced (the service is stopping)", e);
        }
    }

    private void announce(List<TaskEventNotice> notices) {
        try (JMSContext context = factory.createContext()) {
            JMSProducer producer = context.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT)
                    .setProperty(TaskEventNotice.ORIGIN_PROPERTY, TaskEventNotice.THIS_INSTANCE);
            if (events == null) {
                // naming it asks the broker about it: once, not per notice
                events = context.createTopic(Destinations.EVENTS);
            }
            notices.forEach(notice -> producer.send(events, ProtocolJson.toJson(notice)));
        } catch (JMSRuntimeException e) {
            // Nothing to redeliver: the results are committed, and the streams' poll will find them.
            LOG.log(Level.WARNING, "task events of " + notices.size() + " task groups not announced on "
                    + Destinations.EVENTS + "; their streams find them at their next poll", e);
        }
    }
}
