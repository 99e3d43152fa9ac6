package org.funcfabric.core.task;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * A stored submission whose task messages may not be on the broker yet: written with its tasks,
 * deleted once their messages are sent ({@link TaskOutbox}).
 */
@Entity
@Table(name = "task_dispatches")
@NamedQuery(name = "PendingDispatch.storedBefore",
        query = "SELECT d.requestId FROM PendingDispatch d WHERE d.storedAt < :before ORDER BY d.storedAt, d.requestId")
public class PendingDispatch {
    @Id
    @Column(name = "request_id")
    private String requestId;
    /** Epoch milliseconds. */
    @Column(name = "stored_at")
    private long storedAt;

    protected PendingDispatch() {
    }

    PendingDispatch(String requestId, long storedAt) {
        this.requestId = requestId;
        this.storedAt = storedAt;
    }

    public String requestId() {
        return requestId;
    }
}
