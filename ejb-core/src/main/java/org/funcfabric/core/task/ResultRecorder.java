package org.funcfabric.core.task;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.funcfabric.core.common.Limits;
import org.funcfabric.core.function.RegisteredFunction;
import org.funcfabric.protocol.FailureType;
import org.funcfabric.protocol.ResultMessage;

/**
 * Stores worker results idempotently: the first terminal result of a task wins; duplicates from
 * redelivery or retry races are acknowledged and ignored (ARCHITECTURE.md "exactly once in the store").
 * A stored result takes the next event number of the task's group; the results stored by one call fire
 * one {@link TasksCompleted}, which observers act on after the commit. A {@code retrying} result is not
 * terminal: it adds a failed attempt to the task and queues the next attempt, held back by the broker
 * for the policy's backoff, in the same transaction. Tasks the broker dead-lettered end here too,
 * failed as lost.
 *
 * <p>A batch of results is one transaction: its tasks' rows are locked in id order, then their groups'
 * rows in id order, the order every transaction that ends tasks follows, so two of them never wait for
 * each other.
 */
@Stateless
public class ResultRecorder {
    /**
     * Deliveries of a batch naming a task the store does not show before that task counts as unknown
     * rather than not yet committed: by the fifth the broker has held the batch back for about 3 s
     * (0.2 s doubling), far longer than a submitting transaction takes to commit.
     */
    static final int DELIVERIES_BEFORE_UNKNOWN = 5;
    private static final Logger LOG = Logger.getLogger(ResultRecorder.class.getName());

    @PersistenceContext(unitName = "fabric")
    private EntityManager em;

    @Inject
    private Event<TasksCompleted> completed;

    @Inject
    private TaskDispatcher dispatcher;

    @Inject
    private Limits limits;

    /**
     * Stores a batch of results in one transaction.
     *
     * @param results  results of one message, each from the endpoint that sent it (checked by the caller)
     * @param delivery which delivery of that message this is, 1 for the first
     * @return how many results were stored; duplicates, late ones and ones from another endpoint are not
     * @throws ResultBeforeTask when a task is not in the store (yet) on an early delivery, so the broker
     *                          redelivers the whole batch later; from the {@value #DELIVERIES_BEFORE_UNKNOWN}th
     *                          delivery on such a result is dropped and the rest stored
     */
    public int record(List<ResultMessage> results, int delivery) {
        List<ResultMessage> identified = new ArrayList<>(results.size());
        for (ResultMessage result : results) {
            if (result.taskId() == null) {
                LOG.warning(() -> "result without a task id from worker " + result.workerId() + " dropped");
            } else {
                identified.add(result);
            }
        }
        if (identified.isEmpty()) {
            return 0;
        }
        Map<String, Task> tasks = lockedTasks(identified.stream().map(ResultMessage::taskId).collect(Collectors.toSet()));
        List<ResultMessage> known = new ArrayList<>(identified.size());
        for (ResultMessage result : identified) {
            if (tasks.containsKey(result.taskId())) {
                known.add(result);
            } else if (delivery < DELIVERIES_BEFORE_UNKNOWN) {
                // Never dropped early: the task's own transaction may still be committing (the broker can
                // deliver a dispatched message before the database shows the row).
                LOG.info(() -> "result for task " + result.taskId() + " from worker " + result.workerId()
                        + " came before the task is stored; the broker redelivers its batch");
                throw new ResultBeforeTask(result.taskId());
            } else {
                LOG.warning(() -> "result for unknown task " + result.taskId() + " from worker " + result.workerId()
                        + " dropped after " + delivery + " deliveries");
            }
        }
        Map<String, TaskGroup> groups = lockedGroups(known.stream()
                .filter(r -> !ResultMessage.RETRYING.equals(r.status()))
                .map(r -> tasks.get(r.taskId()).taskGroupId())
                .collect(Collectors.toSet()));
        List<TaskCompleted> ended = new ArrayList<>();
        int stored = 0;
        for (ResultMessage result : known) {
            Task task = tasks.get(result.taskId());
            if (!task.endpointId().equals(result.endpointId())) {
                LOG.warning(() -> "result for task " + task.id() + " came from endpoint " + result.endpointId()
                        + ", not from " + task.endpointId() + "; dropped");
            } else if (ResultMessage.RETRYING.equals(result.status())) {
                stored += retrying(task, result) ? 1 : 0;
            } else if (task.complete(result, System.currentTimeMillis(), groups.get(task.taskGroupId()))) {
                ended.add(TaskCompleted.of(task, groups.get(task.taskGroupId())));
                stored++;
            } else {
                LOG.fine(() -> "duplicate result for task " + task.id() + " ignored");
            }
        }
        if (!ended.isEmpty()) {
            completed.fire(new TasksCompleted(ended));
        }
        return stored;
    }

    /** Not an end: the group's event numbers are untouched, so its row needs no lock. */
    private boolean retrying(Task task, ResultMessage result) {
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
        String reason = FailureType.WORKER_LOST + ": task " + task.id() + " was dead-lettered after " + deliveries
                + " deliveries on endpoint " + endpointId;
        TaskGroup group = em.find(TaskGroup.class, task.taskGroupId(), LockModeType.PESSIMISTIC_WRITE);
        if (!task.lost(reason, System.currentTimeMillis(), group)) {
            return false;
        }
        LOG.warning(reason);
        completed.fire(new TasksCompleted(List.of(TaskCompleted.of(task, group))));
        return true;
    }

    /** The tasks of these ids that exist, each row locked, in id order (one statement). */
    private Map<String, Task> lockedTasks(Set<String> ids) {
        return em.createNamedQuery("Task.byIds", Task.class)
                .setParameter("ids", new TreeSet<>(ids))
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream()
                .collect(Collectors.toMap(Task::id, Function.identity()));
    }

    /**
     * The groups, locked after their tasks' rows and in id order. The group's lock, held to the commit,
     * is what keeps its event numbers gap-free and in commit order.
     */
    private Map<String, TaskGroup> lockedGroups(Set<String> ids) {
        return ids.stream()
                .sorted(Comparator.naturalOrder())
                .map(id -> em.find(TaskGroup.class, id, LockModeType.PESSIMISTIC_WRITE))
                .filter(Objects::nonNull)
                .collect(Collectors.toMap(TaskGroup::id, Function.identity()));
    }
}
