package org.funcfabric.core.task;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Objects;
import org.funcfabric.core.common.Caller;

/** The tasks of one submission session: the key for reattaching and streaming results. */
@Entity
@Table(name = "task_groups")
public class TaskGroup {
    @Id
    private String id;
    private String owner;
    @Column(name = "created_at")
    private long createdAt;

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

    public String id() {
        return id;
    }
}
