package org.funcfabric.api.endpoint;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.funcfabric.api.RequestBodies;
import org.funcfabric.api.Roles;
import org.funcfabric.api.security.CurrentCaller;
import org.funcfabric.core.common.ErrorCode;
import org.funcfabric.core.common.FabricException;
import org.funcfabric.core.endpoint.BrokerAccess;
import org.funcfabric.core.endpoint.Endpoint;
import org.funcfabric.core.endpoint.EndpointRegistry;
import org.funcfabric.core.endpoint.EndpointSpec;
import org.funcfabric.core.task.TaskService;
import org.funcfabric.protocol.Destinations;

/** {@code /v3/endpoints…} and {@code /v2/endpoints…}. */
@Path("/")
@RequestScoped
@RolesAllowed(Roles.USER)
@Produces(MediaType.APPLICATION_JSON)
public class EndpointResource {
    @Inject
    private EndpointRegistry registry;

    @Inject
    private TaskService tasks;

    @Inject
    private BrokerAccess broker;

    @Inject
    private CurrentCaller caller;

    /** A (re-)registration as a connector sends it; {@code groups} (ff) share the endpoint with their members. */
    public record Registration(String endpointName, String displayName, JsonObject metadata,
                               List<String> allowedFunctions, @JsonbProperty("public") Boolean isPublic,
                               List<String> groups) {
        EndpointSpec spec() {
            return new EndpointSpec(endpointName, displayName, metadata == null ? null : metadata.toString(),
                    Boolean.TRUE.equals(isPublic), groups, allowedFunctions);
        }
    }

    /** Where a connector and its workers reach one queue, and with which broker credential. */
    public record QueueInfo(String connectionUrl, String queue, String username, String password) {
    }

    /**
     * The answer to a registration. {@code serviceBrokerUser} is the broker user the service sends tasks and
     * commands as: the endpoint's connector and workers refuse any message the broker says someone else sent.
     */
    public record Registered(String endpointId, QueueInfo taskQueueInfo, QueueInfo resultQueueInfo,
                             QueueInfo heartbeatQueueInfo, QueueInfo commandQueueInfo, String serviceBrokerUser) {
    }

    public record Summary(String uuid, String name, String displayName, String owner) {
        static Summary from(Endpoint ep) {
            return new Summary(ep.id(), ep.name(), ep.displayName(), ep.owner());
        }
    }

    public record EndpointDocument(String uuid, String endpointId, String name, String displayName, String owner,
                                   @JsonbProperty("public") boolean isPublic, List<String> groups, String status) {
    }

    /**
     * An endpoint's load. {@code total_workers} counts task slots, as Globus Compute's workers do, and
     * {@code managers} worker processes; {@code total_slots} repeats the slots under FuncFabric's own
     * name. {@code outstanding_tasks} is the service's count of the endpoint's tasks that have not ended,
     * {@code queued_tasks} what the connector last counted in its task queue (-1 if not known), and
     * {@code last_heartbeat} epoch ms.
     */
    public record StatusDetails(int totalWorkers, int idleWorkers, long pendingTasks, long outstandingTasks,
                                int managers, int totalSlots, long queuedTasks, Long lastHeartbeat) {
    }

    public record Status(String status, StatusDetails details) {
    }

    public record AllowedFunctions(String endpointId, boolean restricted, List<String> functions) {
    }

    public record Deleted(int result) {
    }

    /** The answer to a lock: until when (ISO-8601, UTC) the endpoint refuses tasks and re-registration. */
    public record Locked(String endpointId, String lockExpirationTimestamp) {
        public static Locked from(Endpoint ep) {
            return new Locked(ep.id(), Instant.ofEpochMilli(ep.lockedUntil()).toString());
        }
    }

    @POST
    @Path("v3/endpoints")
    @Consumes(MediaType.APPLICATION_JSON)
    public Registered register(Registration body) {
        return registered(registry.register(caller.get(), RequestBodies.required(body).spec()));
    }

    @PUT
    @Path("v3/endpoints/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Registered update(@PathParam("id") String id, Registration body) {
        return registered(registry.update(caller.get(), id, RequestBodies.required(body).spec()));
    }

    @GET
    @Path("v2/endpoints")
    public List<Summary> list(@QueryParam("role") String role) {
        if (role != null && !role.equals("owner") && !role.equals("any")) {
            throw new FabricException(ErrorCode.REQUEST_KEY_ERROR, "role must be 'owner' or 'any'");
        }
        return registry.list(caller.get(), !"any".equals(role)).stream().map(Summary::from).toList();
    }

    @GET
    @Path("v2/endpoints/{id}")
    public EndpointDocument get(@PathParam("id") String id) {
        Endpoint ep = registry.usable(caller.get(), id);
        return new EndpointDocument(ep.id(), ep.id(), ep.name(), ep.displayName(), ep.owner(), ep.isPublic(),
                ep.groups().stream().sorted().toList(), registry.isOnline(ep) ? "online" : "offline");
    }

    @GET
    @Path("v2/endpoints/{id}/status")
    public Status status(@PathParam("id") String id) {
        Endpoint ep = registry.usable(caller.get(), id);
        long open = tasks.countOpen(ep.id());
        int idle = (int) Math.max(0, ep.totalSlots() - open);
        return new Status(registry.isOnline(ep) ? "online" : "offline",
                new StatusDetails(ep.totalSlots(), idle, open, open, ep.totalWorkers(), ep.totalSlots(),
                        ep.queuedTasks(), ep.lastHeartbeatAt()));
    }

    @GET
    @Path("v3/endpoints/{id}/allowed_functions")
    public AllowedFunctions allowedFunctions(@PathParam("id") String id) {
        Endpoint ep = registry.usable(caller.get(), id);
        return new AllowedFunctions(ep.id(), ep.isRestricted(), ep.allowedFunctions().stream().sorted().toList());
    }

    /** Owner only; the endpoint's running connector is told to stop. The body ({@code {}}) is optional and ignored. */
    @POST
    @Path("v3/endpoints/{id}/lock")
    public Locked lock(@PathParam("id") String id) {
        return Locked.from(registry.lock(caller.get(), id));
    }

    @DELETE
    @Path("v2/endpoints/{id}")
    public Deleted delete(@PathParam("id") String id) {
        registry.delete(caller.get(), id);
        return new Deleted(302);
    }

    /** Only the owner gets here (register, or re-register through {@code owned}): the answer holds the credential. */
    private Registered registered(Endpoint ep) {
        BrokerAccess.Credential credential = broker.credentialOf(ep);
        return new Registered(ep.id(),
                queue(Destinations.taskQueue(ep.id()), credential),
                queue(Destinations.RESULTS, credential),
                queue(Destinations.HEARTBEATS, credential),
                queue(Destinations.commandTopic(ep.id()), credential),
                broker.serviceUser());
    }

    private QueueInfo queue(String name, BrokerAccess.Credential credential) {
        return new QueueInfo(broker.publicUrl(), name, credential.user(), credential.password());
    }
}
