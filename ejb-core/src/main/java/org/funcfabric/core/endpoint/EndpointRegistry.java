package org.funcfabric.core.endpoint;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.funcfabric.core.common.Caller;
import org.funcfabric.core.common.ErrorCode;
import org.funcfabric.core.common.FabricException;
import org.funcfabric.core.common.Uuids;
import org.funcfabric.protocol.CredentialRevocation;
import org.funcfabric.protocol.HeartbeatMessage;

/**
 * Registers endpoints, answers who may use them, and keeps their liveness from heartbeats. Locking or
 * deleting an endpoint also orders its running connector to stop, in the same transaction.
 */
@Stateless
public class EndpointRegistry {
    private static final Logger LOG = Logger.getLogger(EndpointRegistry.class.getName());
    static final int MAX_GROUPS = 100;

    @PersistenceContext(unitName = "fabric")
    private EntityManager em;

    @Inject
    @ConfigProperty(name = "fabric.endpoint.heartbeat-threshold-s", defaultValue = "120")
    long heartbeatThresholdSeconds;

    @Inject
    @ConfigProperty(name = "fabric.endpoint.lock-duration-s", defaultValue = "300")
    long lockDurationSeconds;

    @Inject
    private EndpointCommands commands;

    public Endpoint register(Caller caller, EndpointSpec spec) {
        String name = validName(spec.name());
        refuseTakenName(caller, name, null, "; re-register it with PUT /v3/endpoints/{id}");
        Endpoint ep = new Endpoint(Uuids.random(), caller.subject(), name, System.currentTimeMillis());
        describe(ep, spec);
        em.persist(ep);
        return ep;
    }

    /** Re-registration (a connector restart): only the owner may, and the id stays. */
    public Endpoint update(Caller caller, String endpointId, EndpointSpec spec) {
        Endpoint ep = owned(caller, endpointId);
        refuseIfLocked(ep, "re-registered");
        String name = validName(spec.name());
        refuseTakenName(caller, name, ep.id(), "");
        ep.rename(name);
        describe(ep, spec);
        return ep;
    }

    /**
     * Names are unique per owner (a database index), deleted endpoints included, whose ids and tasks
     * stay on record: another endpoint's name is a 409 here rather than a failed commit.
     */
    private void refuseTakenName(Caller caller, String name, String exceptId, String advice) {
        em.createNamedQuery("Endpoint.named", Endpoint.class)
                .setParameter("owner", caller.subject()).setParameter("name", name).getResultStream()
                .filter(e -> !e.id().equals(exceptId)).findFirst()
                .ifPresent(e -> {
                    throw new FabricException(ErrorCode.RESOURCE_CONFLICT, e.isDeleted()
                            ? "Your deleted endpoint " + e.id() + " keeps the name '" + name + "': choose another name"
                            : "You already have an endpoint named '" + name + "'" + advice);
                });
    }

    public List<Endpoint> list(Caller caller, boolean ownedOnly) {
        if (ownedOnly) {
            return em.createNamedQuery("Endpoint.ownedBy", Endpoint.class)
                    .setParameter("owner", caller.subject()).getResultList();
        }
        // an IN list may not be empty; "" is no group id (validGroups takes UUIDs only)
        List<String> groups = caller.groups().isEmpty() ? List.of("") : List.copyOf(caller.groups());
        return em.createNamedQuery("Endpoint.visibleTo", Endpoint.class)
                .setParameter("owner", caller.subject()).setParameter("groups", groups).getResultList();
    }

    /** Every endpoint of every user, for operators. */
    public List<Endpoint> all() {
        return em.createNamedQuery("Endpoint.all", Endpoint.class).getResultList();
    }

    /** The endpoint if the caller may use it; 404 otherwise. */
    public Endpoint usable(Caller caller, String endpointId) {
        return find(endpointId, ep -> ep.isUsableBy(caller));
    }

    /** The endpoint if it exists and {@code visible} holds for it; 404 otherwise. */
    private Endpoint find(String endpointId, Predicate<Endpoint> visible) {
        String id = Uuids.canonical(endpointId, "endpoint");
        Endpoint ep = em.find(Endpoint.class, id);
        if (ep == null || !visible.test(ep)) {
            throw FabricException.notFound(ErrorCode.ENDPOINT_NOT_FOUND, "Endpoint", id);
        }
        return ep;
    }

    /** The endpoint if the caller may send it tasks now: usable and not locked (423 otherwise). */
    public Endpoint acceptingTasks(Caller caller, String endpointId) {
        Endpoint ep = usable(caller, endpointId);
        refuseIfLocked(ep, "sent tasks");
        return ep;
    }

    /**
     * Locks the caller's endpoint for {@code fabric.endpoint.lock-duration-s}: until then it takes no
     * tasks and cannot re-register, and its running connector is told to stop.
     */
    public Endpoint lock(Caller caller, String endpointId) {
        return lock(owned(caller, endpointId));
    }

    /**
     * Locks any endpoint, as {@link #lock(Caller, String)} does, on an operator's order (an endpoint that
     * misbehaves or whose credential leaked).
     */
    public Endpoint lockAsAdmin(String endpointId) {
        return lock(find(endpointId, ep -> !ep.isDeleted()));
    }

    /** Locks, stops the connector, and revokes the broker credential it and its workers hold. */
    private Endpoint lock(Endpoint ep) {
        ep.lock(System.currentTimeMillis() + lockDurationSeconds * 1000);
        commands.stop(ep.id());
        commands.revokeCredentials(ep.id(), ep.revokeCredential());
        return ep;
    }

    public Endpoint owned(Caller caller, String endpointId) {
        Endpoint ep = usable(caller, endpointId);
        if (!caller.owns(ep.owner())) {
            throw new FabricException(ErrorCode.ENDPOINT_ACCESS_FORBIDDEN,
                    "Endpoint " + ep.id() + " can only be changed by its owner");
        }
        return ep;
    }

    /** Deletes the caller's endpoint, tells its running connector to stop, and revokes its broker credential for good. */
    public void delete(Caller caller, String endpointId) {
        Endpoint ep = owned(caller, endpointId);
        ep.delete(System.currentTimeMillis());
        commands.stop(ep.id());
        commands.revokeCredentials(ep.id(), CredentialRevocation.NEVER);
    }

    public boolean isOnline(Endpoint ep) {
        return ep.isOnline(System.currentTimeMillis(), heartbeatThresholdSeconds * 1000);
    }

    /** Whether {@code owner} has an endpoint called {@code name} that is online now. */
    public boolean isOnline(String owner, String name) {
        return em.createNamedQuery("Endpoint.ownedBy", Endpoint.class).setParameter("owner", owner)
                .getResultStream().anyMatch(e -> e.name().equals(name) && isOnline(e));
    }

    /** Stores a connector heartbeat; heartbeats of unknown or deleted endpoints are dropped. */
    public void recordHeartbeat(HeartbeatMessage beat) {
        Endpoint ep = beat.endpointId() == null ? null : em.find(Endpoint.class, beat.endpointId());
        if (ep == null || ep.isDeleted()) {
            LOG.warning(() -> "heartbeat for unknown endpoint " + beat.endpointId() + " dropped");
            return;
        }
        ep.heartbeat(beat, System.currentTimeMillis());
    }

    private static void refuseIfLocked(Endpoint ep, String what) {
        if (ep.isLocked(System.currentTimeMillis())) {
            throw new FabricException(ErrorCode.RESOURCE_LOCKED, "Endpoint " + ep.id()
                    + " is locked until " + Instant.ofEpochMilli(ep.lockedUntil()) + " and cannot be " + what);
        }
    }

    private void describe(Endpoint ep, EndpointSpec spec) {
        List<String> allowed = spec.allowedFunctions() == null ? null
                : spec.allowedFunctions().stream().map(f -> Uuids.canonical(f, "function")).toList();
        String display = spec.displayName() == null || spec.displayName().isBlank() ? ep.name() : spec.displayName();
        if (display.length() > 255) {
            // the column is VARCHAR(255): longer text failed the commit with a 500
            throw new FabricException(ErrorCode.REQUEST_KEY_ERROR, "display_name is longer than 255 characters");
        }
        ep.describe(display, spec.metadataJson(), spec.isPublic(), validGroups(spec.groups()), allowed,
                System.currentTimeMillis());
    }

    /** Group ids, canonical: the same form as a function's {@code group} and the token's {@code groups}. */
    private static List<String> validGroups(List<String> groups) {
        if (groups == null) {
            return List.of();
        }
        if (groups.size() > MAX_GROUPS) {
            throw new FabricException(ErrorCode.REQUEST_KEY_ERROR, "groups may name at most " + MAX_GROUPS + " groups");
        }
        return groups.stream().map(g -> Uuids.canonical(g, "group")).distinct().toList();
    }

    private static String validName(String name) {
        if (name == null || name.isBlank()) {
            throw new FabricException(ErrorCode.REQUEST_KEY_ERROR, "endpoint_name is required");
        }
        if (name.length() > 255 || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new FabricException(ErrorCode.REQUEST_KEY_ERROR,
                    "endpoint_name must be 1-255 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return name;
    }
}
