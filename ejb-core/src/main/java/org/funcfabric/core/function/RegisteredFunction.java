package org.funcfabric.core.function;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.util.Objects;
import org.funcfabric.core.common.Caller;

/**
 * A function registered by a user. Its code never changes after registration; it is usable by its
 * owner, by everyone when public, and by members of its group.
 */
@Entity
@Table(name = "functions")
@NamedQuery(name = "RegisteredFunction.byIds", query = "SELECT f FROM RegisteredFunction f WHERE f.id IN :ids")
public class RegisteredFunction {
    @Id
    private String id;
    private String owner;
    private String name;
    private String description;
    private String header;
    @Lob
    private String code;
    @Lob
    private String metadata;
    @Column(name = "public_function")
    private boolean publicFunction;
    @Column(name = "group_id")
    private String groupId;
    @Column(name = "created_at")
    private long createdAt;
    @Column(name = "deleted_at")
    private Long deletedAt;

    protected RegisteredFunction() {
    }

    public RegisteredFunction(String id, String owner, String name, String description, FunctionCode code,
                              String metadata, boolean publicFunction, String groupId, long createdAt) {
        this.id = Objects.requireNonNull(id);
        this.owner = Objects.requireNonNull(owner);
        this.name = Objects.requireNonNull(name);
        this.description = description;
        this.header = code.header();
        this.code = code.packed();
        this.metadata = metadata;
        this.publicFunction = publicFunction;
        this.groupId = groupId;
        this.createdAt = createdAt;
    }

    /** Whether the caller may see and run this function (Globus Compute sharing rules). */
    public boolean isUsableBy(Caller caller) {
        return !isDeleted() && (caller.owns(owner) || publicFunction
                || (groupId != null && caller.groups().contains(groupId)));
    }

    public boolean isDeleted() {
        return deletedAt != null;
    }

    public void delete(long at) {
        if (deletedAt == null) {
            deletedAt = at;
        }
    }

    public String id() {
        return id;
    }

    public String owner() {
        return owner;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public String header() {
        return header;
    }

    /** The code in packed form, ready to be concatenated with a task payload. */
    public String code() {
        return code;
    }

    public String metadata() {
        return metadata;
    }

    public boolean isPublic() {
        return publicFunction;
    }

    public long createdAt() {
        return createdAt;
    }
}
