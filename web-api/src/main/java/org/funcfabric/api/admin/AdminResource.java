package org.funcfabric.api.admin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.funcfabric.api.Roles;
import org.funcfabric.api.endpoint.EndpointResource.Locked;
import org.funcfabric.core.endpoint.Endpoint;
import org.funcfabric.core.endpoint.EndpointRegistry;

/** {@code /v2/admin/…}: what an operator needs to find and stop any endpoint. */
@Path("v2/admin")
@RequestScoped
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {
    @Inject
    private EndpointRegistry registry;

    /** One endpoint as an operator sees it: whose it is, who shares it, whether it runs or is locked. */
    public record EndpointEntry(String uuid, String name, String displayName, String owner,
                                @JsonbProperty("public") boolean isPublic, List<String> groups, String status,
                                Long lockedUntil) {
        static EndpointEntry from(Endpoint ep, boolean online) {
            return new EndpointEntry(ep.id(), ep.name(), ep.displayName(), ep.owner(), ep.isPublic(),
                    ep.groups().stream().sorted().toList(), online ? "online" : "offline", ep.lockedUntil());
        }
    }

    @GET
    @Path("endpoints")
    public List<EndpointEntry> endpoints() {
        return registry.all().stream().map(ep -> EndpointEntry.from(ep, registry.isOnline(ep))).toList();
    }

    /** Locks any user's endpoint: it stops, refuses tasks, and its broker credential is revoked. */
    @POST
    @Path("endpoints/{id}/lock")
    public Locked lock(@PathParam("id") String id) {
        return Locked.from(registry.lockAsAdmin(id));
    }
}
