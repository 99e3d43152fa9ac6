package org.funcfabric.core.endpoint;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.util.Collection;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.funcfabric.core.common.Caller;
import org.funcfabric.protocol.HeartbeatMessage;

/**
 * An endpoint: where a user's connector runs tasks. Liveness is derived from the last heartbeat and
 * the state it reported, so no background job is needed to mark an endpoint offline.
 */
@Entity
@Table(name = "endpoints")
@NamedQuery(name = "Endpoint.ownedBy",
        query = "SELECT e FROM Endpoint e WHERE e.owner = :owner AND e.deletedAt IS NULL ORDER BY e.createdAt")
@NamedQuery(name = "Endpoint.visibleTo",
        query = "SELECT DISTINCT e FROM Endpoint e LEFT JOIN e.groups g WHERE (e.owner = :owner OR e.publicEndpoint = TRUE"
                + " OR g IN :groups) AND e.deletedAt IS NULL ORDER BY e.createdAt")
@NamedQuery(name = "Endpoint.named",
        query = "SELECT e FROM Endpoint e WHERE e.owner = :owner AND e.name = :name")
@NamedQuery(name = "Endpoint.all",
        query = "SELECT e FROM Endpoint e WHERE e.deletedAt IS NULL ORDER BY e.createdAt")
public class Endpoint {
    @Id
    private String id;
    private String owner;
    private String name;
    @Column(name = "display_name")
    private String displayName;
    @Lob
    private String metadata;
    @Column(name = "public_endpoint")
    private boolean publicEndpoint;
    private boolean restricted;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "endpoint_allowed_functions", joinColumns = @JoinColumn(name = "endpoint_id"))
    @Column(name = "function_id")
    private Set<String> allowedFunctions = new HashSet<>();
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "endpoint_groups", joinColumns = @JoinColumn(name = "endpoint_id"))
    @Column(name = "group_id")
    private Set<String> groups = new HashSet<>();
    @Column(name = "credential_generation")
    private int credentialGeneration = 1;
    @Column(name = "reported_state")
    private String reportedState;
    @Column(name = "last_heartbeat_at")
    private Long lastHeartbeatAt;
    @Column(name = "total_workers")
    private int totalWorkers;
    @Column(name = "total_slots")
    private int totalSlots;
    @Column(name = "queued_tasks")
    private long queuedTasks = -1;
    @Column(name = "created_at")
    private long createdAt;
    @Column(name = "updated_at")
    private long updatedAt;
    @Column(name = "deleted_at")
    private Long deletedAt;
    @Column(name = "locked_until")
    private Long lockedUntil;

    protected Endpoint() {
    }

    public Endpoint(String id, String owner, String name, long createdAt) {
        this.id = Objects.requireNonNull(id);
        this.owner = Objects.requireNonNull(owner);
        this.name = Objects.requireNonNull(name);
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    /**
     * Applies a (re-)registration: the connector's view of name, display name and policy: who may use
     * it besides the owner (everyone when {@code isPublic}, members of {@code sharedWith}) and which
     * functions may run here ({@code allowed}; any when null).
     */
    public void describe(String displayName, String metadata, boolean isPublic, Collection<String> sharedWith,
                         Collection<String> allowed, long at) {
        this.displayName = displayName;
        this.metadata = metadata;
        this.publicEndpoint = isPublic;
        this.groups.clear();
        this.groups.addAll(sharedWith);
        this.restricted = allowed != null;
        this.allowedFunctions.clear();
        if (allowed != null) {
            this.allowedFunctions.addAll(allowed);
        }
        this.updatedAt = at;
    }

    public void rename(String newName) {
        this.name = Objects.requireNonNull(newName);
    }

    /** Records a heartbeat; an older one than already seen (reordered delivery) is ignored. */
    public void heartbeat(HeartbeatMessage beat, long receivedAt) {
        if (lastHeartbeatAt != null && beat.sentAt() < lastHeartbeatAt) {
            return;
        }
        this.reportedState = beat.state();
        this.totalWorkers = beat.totalWorkers();
        this.totalSlots = beat.totalSlots();
        this.queuedTasks = beat.queuedTasks();
        this.lastHeartbeatAt = Math.min(beat.sentAt(), receivedAt);
    }

    /** Online when the last heartbeat said so and is younger than {@code thresholdMillis}. */
    public boolean isOnline(long now, long thresholdMillis) {
        return HeartbeatMessage.ONLINE.equals(reportedState) && lastHeartbeatAt != null
                && now - lastHeartbeatAt <= thresholdMillis;
    }

    /** Whether the caller may see the endpoint and send it tasks: its owner, anyone if public, its groups' members. */
    public boolean isUsableBy(Caller caller) {
        return deletedAt == null && (caller.owns(owner) || publicEndpoint
                || groups.stream().anyMatch(caller.groups()::contains));
    }

    /**
     * Revokes the endpoint's broker credential: the next one handed out is of a new generation, and the
     * broker is to refuse every older one.
     *
     * @return the oldest generation still valid
     */
    public int revokeCredential() {
        credentialGeneration++;
        return credentialGeneration;
    }

    /** The generation of the endpoint's current broker credential. */
    public int credentialGeneration() {
        return credentialGeneration;
    }

    /** Whether tasks of this function may run here ({@code allowed_functions}, when restricted). */
    public boolean permits(String functionId) {
        return !restricted || allowedFunctions.contains(functionId);
    }

    /**
     * Locks the endpoint remotely until {@code until} (epoch ms): submissions and re-registration are
     * refused meanwhile. A later lock extends an earlier one, never shortens it.
     */
    public void lock(long until) {
        if (lockedUntil == null || until > lockedUntil) {
            lockedUntil = until;
        }
    }

    public boolean isLocked(long now) {
        return lockedUntil != null && now < lockedUntil;
    }

    public Long lockedUntil() {
        return lockedUntil;
    }

    public void delete(long at) {
        if (deletedAt == null) {
            deletedAt = at;
        }
    }

    public boolean isDeleted() {
        return deletedAt != null;
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

    public String displayName() {
        return displayName;
    }

    public String metadata() {
        return metadata;
    }

    public boolean isPublic() {
        return publicEndpoint;
    }

    public boolean isRestricted() {
        return restricted;
    }

    /** The groups whose members may use the endpoint. */
    public Set<String> groups() {
        return Set.copyOf(groups);
    }

    public Set<String> allowedFunctions() {
        return Set.copyOf(allowedFunctions);
    }

    public int totalWorkers() {
        return totalWorkers;
    }

    public int totalSlots() {
        return totalSlots;
    }

    /** Messages in the endpoint's task queue as its connector last counted them; -1 if not known. */
    public long queuedTasks() {
        return queuedTasks;
    }

    public Long lastHeartbeatAt() {
        return lastHeartbeatAt;
    }
}
