package org.funcfabric.core.task;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Objects;
import org.funcfabric.core.common.Caller;

/**
 * The tasks of one submission session: the key for reattaching and streaming results. It numbers the
 * terminal states its tasks reach (1, 2, 3…), which is what a task event stream resumes from.
 */
@Entity
@Table(name = "task_groups")
public class TaskGroup {
    @Id
    private String id;
    private String owner;
    @Column(name = "created_at")
    private long createdAt;
    @Column(name = "event_count")
    private long eventCount;
    @Column(name = "result_queue")
    private boolean resultQueue;

    protected TaskGroup() {
    }

    public TaskGroup(String id, String owner, long createdAt) {
        this.id = Objects.requireNonNull(id);
        this.owner = Objects.requireNonNull(owner);
        this.createdAt = createdAt;
    }

    public boolean isVisibleTo(Caller caller) {
        return caller.owns(owner);
    }

    /**
     * The number of the group's next task event. Gap-free and in commit order only when the caller
     * holds this row's pessimistic lock until its transaction ends, and only {@link Task} should call
     * it, when a task really reaches a terminal state; a rolled-back transaction takes its number back.
     */
    long nextEventNumber() {
        return ++eventCount;
    }

    /** How many of the group's tasks have reached a terminal state (the last event number given). */
    public long eventCount() {
        return eventCount;
    }

    /**
     * From now on, its results are also pushed to its AMQP result queue (the SDK Executor's
     * {@code create_queue}). Setting it again changes nothing, so writes no row.
     */
    void publishToResultQueue() {
        resultQueue = true;
    }

    /** Whether its results are pushed to an AMQP result queue besides being stored. */
    public boolean hasResultQueue() {
        return resultQueue;
    }

    public String id() {
        return id;
    }
}
