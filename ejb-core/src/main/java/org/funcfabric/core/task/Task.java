package org.funcfabric.core.task;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.funcfabric.core.common.Caller;
import org.funcfabric.protocol.ResultMessage;

/**
 * One function invocation on one endpoint. Every hop's time is kept (epoch ms) so the latency of
 * each can be reported; the first terminal result is final and later ones are ignored. Reaching a
 * terminal state gives the task the next event number of its group, the position at which task event
 * streams show it.
 */
@Entity
@Table(name = "tasks")
@NamedQuery(name = "Task.byIds", query = "SELECT t FROM Task t WHERE t.id IN :ids")
@NamedQuery(name = "Task.membersOfGroup",
        query = "SELECT t.id, t.receivedAt FROM Task t WHERE t.taskGroupId = :group ORDER BY t.receivedAt, t.id")
@NamedQuery(name = "Task.eventsOfGroup",
        query = "SELECT t FROM Task t WHERE t.taskGroupId = :group AND t.eventNumber > :after ORDER BY t.eventNumber")
@NamedQuery(name = "Task.countOpenOnEndpoint",
        query = "SELECT COUNT(t) FROM Task t WHERE t.endpointId = :endpoint AND t.status IN :open")
public class Task {
    @Id
    private String id;
    @Column(name = "task_group_id")
    private String taskGroupId;
    private String owner;
    @Column(name = "function_id")
    private String functionId;
    @Column(name = "endpoint_id")
    private String endpointId;
    @Column(name = "request_id")
    private String requestId;
    @Lob
    private String payload;
    @Lob
    @Column(name = "result_serializers")
    private String resultSerializers;
    @Enumerated(EnumType.STRING)
    private TaskStatus status;
    @Lob
    private String result;
    @Lob
    private String exception;
    @Column(name = "worker_id")
    private String workerId;
    @Column(name = "received_at")
    private long receivedAt;
    @Column(name = "dispatched_at")
    private Long dispatchedAt;
    @Column(name = "delivered_at")
    private Long deliveredAt;
    @Column(name = "exec_start_at")
    private Long execStartAt;
    @Column(name = "exec_end_at")
    private Long execEndAt;
    @Column(name = "result_sent_at")
    private Long resultSentAt;
    @Column(name = "completed_at")
    private Long completedAt;
    @Column(name = "event_number")
    private Long eventNumber;

    protected Task() {
    }

    public Task(String id, String taskGroupId, String owner, String functionId, String endpointId,
                String requestId, String payload, String resultSerializers, long receivedAt) {
        this.id = Objects.requireNonNull(id);
        this.taskGroupId = Objects.requireNonNull(taskGroupId);
        this.owner = Objects.requireNonNull(owner);
        this.functionId = Objects.requireNonNull(functionId);
        this.endpointId = Objects.requireNonNull(endpointId);
        this.requestId = Objects.requireNonNull(requestId);
        this.payload = Objects.requireNonNull(payload);
        this.resultSerializers = resultSerializers;
        this.receivedAt = receivedAt;
        this.status = TaskStatus.WAITING_FOR_LAUNCH;
    }

    /** The task was handed to the endpoint's queue (in the same transaction that stored it). */
    public void dispatched(long at) {
        if (!status.isTerminal()) {
            dispatchedAt = at;
        }
    }

    /**
     * Applies a worker's result unless the task already ended.
     *
     * @param group this task's group, locked by the caller after this task's row (see
     *              {@link TaskGroup#nextEventNumber()}); it gives the task its event number
     * @return true when this result was stored, false when it was a duplicate or late
     */
    public boolean complete(ResultMessage r, long receivedAt, TaskGroup group) {
        if (status.isTerminal()) {
            return false;
        }
        end(r.succeeded() ? TaskStatus.SUCCESS : TaskStatus.FAILED, receivedAt, group);
        result = r.succeeded() ? r.result() : null;
        exception = r.succeeded() ? null : r.exception();
        workerId = r.workerId();
        deliveredAt = positive(r.deliveredAt());
        execStartAt = positive(r.startedAt());
        execEndAt = positive(r.endedAt());
        resultSentAt = positive(r.sentAt());
        return true;
    }

    /**
     * The one way into a terminal state (a cancellation or a timeout must come through here too), so
     * that every task that ends takes exactly one event number of its group and none is skipped.
     */
    private void end(TaskStatus terminal, long at, TaskGroup group) {
        if (!group.id().equals(taskGroupId)) {
            throw new IllegalArgumentException("task " + id + " is in group " + taskGroupId + ", not " + group.id());
        }
        status = terminal;
        completedAt = at;
        eventNumber = group.nextEventNumber();
    }

    public boolean isVisibleTo(Caller caller) {
        return caller.owns(owner);
    }

    /** Hop name → epoch ms, in the order a task passes them; hops not reached are absent. */
    public Map<String, Long> transitions() {
        Map<String, Long> t = new LinkedHashMap<>();
        t.put("received", receivedAt);
        putIfSet(t, "dispatched", dispatchedAt);
        putIfSet(t, "delivered", deliveredAt);
        putIfSet(t, "execution-start", execStartAt);
        putIfSet(t, "execution-end", execEndAt);
        putIfSet(t, "result-sent", resultSentAt);
        putIfSet(t, "completed", completedAt);
        return t;
    }

    private static void putIfSet(Map<String, Long> map, String key, Long value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static Long positive(long epochMillis) {
        return epochMillis > 0 ? epochMillis : null;
    }

    public String id() {
        return id;
    }

    public String owner() {
        return owner;
    }

    public String taskGroupId() {
        return taskGroupId;
    }

    public String functionId() {
        return functionId;
    }

    public String endpointId() {
        return endpointId;
    }

    public String payload() {
        return payload;
    }

    public String resultSerializers() {
        return resultSerializers;
    }

    public TaskStatus status() {
        return status;
    }

    public String result() {
        return result;
    }

    public String exception() {
        return exception;
    }

    public String workerId() {
        return workerId;
    }

    public Long completedAt() {
        return completedAt;
    }

    /** The task's position among its group's terminal tasks (1, 2, 3…); null while it has not ended. */
    public Long eventNumber() {
        return eventNumber;
    }

    public long receivedAt() {
        return receivedAt;
    }
}
