package org.funcfabric.core.task;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.logging.Logger;
import org.funcfabric.protocol.ResultMessage;

/**
 * Stores worker results idempotently: the first terminal result of a task wins; duplicates from
 * redelivery or retry races are acknowledged and ignored (ARCHITECTURE.md "exactly once in the store").
 * A stored result takes the next event number of the task's group and fires one {@link TaskCompleted},
 * which observers act on after the commit.
 */
@Stateless
public class ResultRecorder {
    private static final Logger LOG = Logger.getLogger(ResultRecorder.class.getName());

    @PersistenceContext(unitName = "fabric")
    private EntityManager em;

    @Inject
    private Event<TaskCompleted> completed;

    /**
     * @return true when the result was stored, false for a duplicate or a result for an unknown task
     */
    public boolean record(ResultMessage result) {
        // The row lock serializes concurrent deliveries of results for one task across MDB instances.
        Task task = result.taskId() == null ? null
                : em.find(Task.class, result.taskId(), LockModeType.PESSIMISTIC_WRITE);
        if (task == null) {
            LOG.warning(() -> "result for unknown task " + result.taskId() + " from worker " + result.workerId() + " dropped");
            return false;
        }
        if (!task.endpointId().equals(result.endpointId())) {
            LOG.warning(() -> "result for task " + task.id() + " came from endpoint " + result.endpointId()
                    + ", not from " + task.endpointId() + "; dropped");
            return false;
        }
        // Always the task's row first, then its group's, in every transaction that ends a task: one
        // order, so two of them never wait for each other. The group's lock, held to the commit, is
        // what keeps its event numbers gap-free and in commit order.
        TaskGroup group = em.find(TaskGroup.class, task.taskGroupId(), LockModeType.PESSIMISTIC_WRITE);
        boolean stored = task.complete(result, System.currentTimeMillis(), group);
        if (!stored) {
            LOG.fine(() -> "duplicate result for task " + task.id() + " ignored");
            return false;
        }
        completed.fire(TaskCompleted.of(task));
        return true;
    }
}
