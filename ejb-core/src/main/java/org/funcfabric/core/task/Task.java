package org.funcfabric.core.task;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.funcfabric.core.common.Caller;
import org.funcfabric.protocol.FailureType;
import org.funcfabric.protocol.ResultMessage;
import org.funcfabric.protocol.TaskMessage;

/**
 * One function invocation on one endpoint. Every hop's time is kept (epoch ms) so the latency of
 * each can be reported; the first terminal result is final and later ones are ignored. Reaching a
 * terminal state gives the task the next event number of its group, the position at which task event
 * streams show it. Its worker may run it more than once under its {@link RetryPolicy}; the failed
 * attempts it retried are kept in order.
 */
@Entity
@Table(name = "tasks")
@NamedQuery(name = "Task.byIds", query = "SELECT t FROM Task t WHERE t.id IN :ids ORDER BY t.id")
@NamedQuery(name = "Task.membersOfGroup",
        query = "SELECT t.id, t.receivedAt FROM Task t WHERE t.taskGroupId = :group ORDER BY t.receivedAt, t.id")
@NamedQuery(name = "Task.eventsOfGroup",
        query = "SELECT t FROM Task t WHERE t.taskGroupId = :group AND t.eventNumber > :after ORDER BY t.eventNumber")
@NamedQuery(name = "Task.openInGroup",
        query = "SELECT t FROM Task t WHERE t.taskGroupId = :group AND t.status IN :open ORDER BY t.id")
@NamedQuery(name = "Task.openOfRequest",
        query = "SELECT t FROM Task t WHERE t.requestId = :request AND t.status IN :open ORDER BY t.id")
@NamedQuery(name = "Task.countInGroup", query = "SELECT COUNT(t) FROM Task t WHERE t.taskGroupId = :group")
@NamedQuery(name = "Task.countOpenOnEndpoint",
        query = "SELECT COUNT(t) FROM Task t WHERE t.endpointId = :endpoint AND t.status IN :open")
public class Task {
    private static final Jsonb JSONB = JsonbBuilder.create();
    /** Why a cancelled task has no result, in the exception field clients already read. */
    static final String CANCELLED_REASON = FailureType.TASK_CANCELLED + ": the task was cancelled by its submitter";

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
    @Column(name = "max_retries")
    private int maxRetries;
    @Column(name = "retry_backoff_s")
    private double retryBackoffS;
    @Lob
    @Column(name = "retry_on")
    private String retryOn;
    @Column(name = "timeout_s")
    private Integer timeoutS;
    private int attempt;
    @Lob
    private String attempts;

    protected Task() {
    }

    public Task(String id, String taskGroupId, String owner, String functionId, String endpointId,
                String requestId, String payload, String resultSerializers, RetryPolicy policy, long receivedAt) {
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
        this.maxRetries = policy.maxRetries();
        this.retryBackoffS = policy.retryBackoffS();
        this.retryOn = policy.retryOn().isEmpty() ? null : JSONB.toJson(policy.retryOn());
        this.timeoutS = policy.timeoutS();
        this.attempt = 1;
    }

    /**
     * The message that carries this task's current attempt to its endpoint's workers.
     *
     * @param functionCode   the function's stored code (packed buffer)
     * @param maxResultBytes the largest result the worker may send back
     */
    public TaskMessage message(String functionCode, long maxResultBytes, long at) {
        RetryPolicy policy = retryPolicy();
        List<String> serializers = resultSerializers == null ? List.of()
                : List.of(JSONB.fromJson(resultSerializers, String[].class));
        return new TaskMessage(TaskMessage.VERSION, id, taskGroupId, endpointId, functionId, functionCode, payload,
                serializers, maxResultBytes, at, attempt, policy.maxRetries(), policy.retryBackoffS(),
                policy.retryOn(), policy.timeoutS());
    }

    /**
     * The task was handed on for its endpoint's queue: stored with its submission's {@link PendingDispatch},
     * its message is sent when that transaction commits.
     */
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
        end(terminalStatus(r), receivedAt, group);
        result = r.succeeded() ? r.result() : null;
        exception = r.succeeded() ? null : r.exception();
        workerId = r.workerId();
        attempt = Math.max(attempt, r.attempt());
        deliveredAt = positive(r.deliveredAt());
        execStartAt = positive(r.startedAt());
        execEndAt = positive(r.endedAt());
        resultSentAt = positive(r.sentAt());
        return true;
    }

    /**
     * Records a failed attempt that the worker will retry: the task stays open, now on the next attempt.
     *
     * @return true when it was recorded, false when the task already ended or this attempt (or a later
     *         one) was already heard of — a redelivered or late report
     */
    public boolean retrying(ResultMessage r, long receivedAt) {
        if (status.isTerminal() || r.attempt() < attempt) {
            return false;
        }
        List<FailedAttempt> failed = new ArrayList<>(attempts());
        failed.add(new FailedAttempt(r.attempt(), r.exception(), receivedAt));
        attempts = JSONB.toJson(failed);
        attempt = r.attempt() + 1;
        workerId = r.workerId();
        status = TaskStatus.WAITING_FOR_LAUNCH;
        return true;
    }

    /**
     * Cancels the task at its submitter's request unless it already ended; its worker's later result
     * is then a late one and ignored.
     *
     * @param group this task's group, locked by the caller after this task's row
     * @return true when the task was cancelled now, false when it had already ended
     */
    public boolean cancel(long at, TaskGroup group) {
        return endWith(TaskStatus.CANCELLED, CANCELLED_REASON, at, group);
    }

    /**
     * Fails a task whose message the broker gave up on, so it does not wait forever for a result that
     * no worker will send.
     *
     * @param reason the {@code WorkerLost} text shown as the task's exception
     * @return true when the task was failed now, false when it had already ended
     */
    public boolean lost(String reason, long at, TaskGroup group) {
        return endWith(TaskStatus.FAILED, reason, at, group);
    }

    private boolean endWith(TaskStatus terminal, String reason, long at, TaskGroup group) {
        if (status.isTerminal()) {
            return false;
        }
        end(terminal, at, group);
        result = null;
        exception = reason;
        return true;
    }

    private static TaskStatus terminalStatus(ResultMessage r) {
        if (r.succeeded()) {
            return TaskStatus.SUCCESS;
        }
        return ResultMessage.CANCELLED.equals(r.status()) ? TaskStatus.CANCELLED : TaskStatus.FAILED;
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

    /** The policy the task was submitted with. */
    public RetryPolicy retryPolicy() {
        List<String> names = retryOn == null ? List.of() : List.of(JSONB.fromJson(retryOn, String[].class));
        return new RetryPolicy(maxRetries, retryBackoffS, names, timeoutS);
    }

    /** The attempt the task is on, or ended on; 1 for the first. */
    public int attempt() {
        return attempt;
    }

    /** The failed attempts its worker retried, oldest first; empty when there were none. */
    public List<FailedAttempt> attempts() {
        if (attempts == null) {
            return List.of();
        }
        return List.of(JSONB.fromJson(attempts, FailedAttempt[].class));
    }
}
