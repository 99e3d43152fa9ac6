package org.funcfabric.core.task;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.logging.Logger;
import org.funcfabric.core.common.Limits;
import org.funcfabric.core.function.RegisteredFunction;
import org.funcfabric.protocol.ResultMessage;

/**
 * Stores worker results idempotently: the first terminal result of a task wins; duplicates from
 * redelivery or retry races are acknowledged and ignored (ARCHITECTURE.md "exactly once in the store").
 * A stored result takes the next event number of the task's group and fires one {@link TaskCompleted},
 * which observers act on after the commit. A {@code retrying} result is not terminal: it adds a failed
 * attempt to the task and queues the next attempt, held back by the broker for the policy's backoff,
 * in the same transaction. Tasks the broker dead-lettered end
 * here too, failed as lost.
 */
@Stateless
public class ResultRecorder {
    private static final Logger LOG = Logger.getLogger(ResultRecorder.class.getName());

    @PersistenceContext(unitName = "fabric")
    private EntityManager em;

    @Inject
    private Event<TaskCompleted> completed;

    @Inject
    private TaskDispatcher dispatcher;

    @Inject
    private Limits limits;

    /**
     * @return true when the result was stored, false for a duplicate or one from another endpoint
     * @throws ResultBeforeTask when the task is not in the store (yet), so the broker redelivers later
     */
    public boolean record(ResultMessage result) {
        if (result.taskId() == null) {
            LOG.warning(() -> "result without a task id from worker " + result.workerId() + " dropped");
            return false;
        }
        // The row lock serializes concurrent deliveries of results for one task across MDB instances.
        Task task = em.find(Task.class, result.taskId(), LockModeType.PESSIMISTIC_WRITE);
        if (task == null) {
            // Never dropped here: the task's own transaction may still be committing (the broker can
            // deliver a dispatched message before the database shows the row), and a dropped result
            // would leave its task waiting forever.
            LOG.warning(() -> "result for task " + result.taskId() + " from worker " + result.workerId()
                    + " came before the task is stored; the broker redelivers it");
            throw new ResultBeforeTask(result.taskId());
        }
        if (!task.endpointId().equals(result.endpointId())) {
            LOG.warning(() -> "result for task " + task.id() + " came from endpoint " + result.endpointId()
                    + ", not from " + task.endpointId() + "; dropped");
            return false;
        }
        if (ResultMessage.RETRYING.equals(result.status())) {
            // Not an end: the group's event numbers are untouched, so its row needs no lock.
            long now = System.currentTimeMillis();
            if (!task.retrying(result, now)) {
                LOG.fine(() -> "late or repeated retry notice for task " + task.id() + " attempt " + result.attempt() + " ignored");
                return false;
            }
            // The service, not the worker, queues the next attempt: endpoints may not send tasks.
            RegisteredFunction fn = em.find(RegisteredFunction.class, task.functionId());
            dispatcher.dispatchAt(task.message(fn.code(), limits.maxResultBytes(), now),
                    now + task.retryPolicy().backoffMillis(result.attempt()));
            return true;
        }
        boolean stored = task.complete(result, System.currentTimeMillis(), lockedGroupOf(task));
        if (!stored) {
            LOG.fine(() -> "duplicate result for task " + task.id() + " ignored");
            return false;
        }
        completed.fire(TaskCompleted.of(task));
        return true;
    }

    /**
     * Fails a task whose message the broker dead-lettered after {@code deliveries} deliveries on
     * {@code endpointId} (no worker acknowledged it), unless it already ended.
     *
     * @return true when the task was failed now
     */
    public boolean deadLettered(String taskId, String endpointId, int deliveries) {
        Task task = taskId == null ? null : em.find(Task.class, taskId, LockModeType.PESSIMISTIC_WRITE);
        if (task == null) {
            LOG.warning(() -> "dead-lettered message of unknown task " + taskId + " dropped");
            return false;
        }
        String reason = "WorkerLost: task " + task.id() + " was dead-lettered after " + deliveries
                + " deliveries on endpoint " + endpointId;
        if (!task.lost(reason, System.currentTimeMillis(), lockedGroupOf(task))) {
            return false;
        }
        LOG.warning(reason);
        completed.fire(TaskCompleted.of(task));
        return true;
    }

    /**
     * The task's group, locked. Always the task's row first, then its group's, in every transaction that
     * ends a task: one order, so two of them never wait for each other. The group's lock, held to the
     * commit, is what keeps its event numbers gap-free and in commit order.
     */
    private TaskGroup lockedGroupOf(Task task) {
        return em.find(TaskGroup.class, task.taskGroupId(), LockModeType.PESSIMISTIC_WRITE);
    }
}
