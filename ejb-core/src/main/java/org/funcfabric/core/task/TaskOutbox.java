package org.funcfabric.core.task;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Logger;
import org.funcfabric.core.common.Limits;
import org.funcfabric.core.function.RegisteredFunction;
import org.funcfabric.protocol.TaskMessage;

/**
 * Gets the messages of stored submissions onto the broker. A submission commits its tasks with a
 * {@link PendingDispatch} in one database transaction; after the commit {@link TaskOutboxRelay} puts
 * the messages on the endpoints' queues in one broker transaction ({@link TaskDispatcher#sendNow}) and
 * {@link #sent} deletes the row. So
 * the submission waits for one database commit and one broker commit, not for a two-phase commit
 * across both, and a result can never reach the service before its task is in the store.
 *
 * <p>Should the send fail (broker away) or the service stop between the two commits, the row stays,
 * and {@link #resendStale} sends the submission's open tasks again in one XA transaction with the
 * row's deletion. A task whose first send did reach the broker before such a failure then runs twice;
 * its first result is stored and the second ignored, as with any redelivery.
 */
@Stateless
public class TaskOutbox {
    private static final Logger LOG = Logger.getLogger(TaskOutbox.class.getName());

    @PersistenceContext(unitName = "fabric")
    private EntityManager em;

    @Inject
    private TaskDispatcher dispatcher;

    @Inject
    private Limits limits;

    /** The submission's messages are on the broker: forget its row. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void sent(String requestId) {
        PendingDispatch pending = em.find(PendingDispatch.class, requestId);
        if (pending != null) {
            em.remove(pending);
        }
    }

    /**
     * Sends again the open tasks of up to {@code max} submissions stored before {@code before} (epoch ms)
     * whose rows are still here, and deletes those rows, in one transaction.
     *
     * @return how many submissions were handled
     */
    public int resendStale(long before, int max) {
        // locked one by one: EclipseLink writes FOR UPDATE before LIMIT, which H2 refuses
        List<PendingDispatch> stale = em.createNamedQuery("PendingDispatch.storedBefore", String.class)
                .setParameter("before", before)
                .setMaxResults(max)
                .getResultStream()
                .map(id -> em.find(PendingDispatch.class, id, LockModeType.PESSIMISTIC_WRITE))
                .filter(Objects::nonNull)
                .toList();
        long now = System.currentTimeMillis();
        Map<String, String> codes = new HashMap<>();
        List<TaskMessage> messages = new ArrayList<>();
        for (PendingDispatch pending : stale) {
            em.createNamedQuery("Task.openOfRequest", Task.class)
                    .setParameter("request", pending.requestId())
                    .setParameter("open", TaskStatus.open())
                    .getResultStream()
                    .forEach(task -> messages.add(task.message(codes.computeIfAbsent(task.functionId(),
                            id -> em.find(RegisteredFunction.class, id).code()), limits.maxResultBytes(), now)));
            em.remove(pending);
        }
        if (!messages.isEmpty()) {
            dispatcher.dispatch(messages);
            LOG.warning(() -> messages.size() + " task messages of " + stale.size() + " submissions stored before "
                    + Instant.ofEpochMilli(before) + " sent again (their first send failed or never happened)");
        }
        return stale.size();
    }
}
