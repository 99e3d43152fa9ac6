package org.funcfabric.api.admin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.funcfabric.api.RequestBodies;
import org.funcfabric.api.Roles;
import org.funcfabric.api.endpoint.EndpointResource.Locked;
import org.funcfabric.core.endpoint.Endpoint;
import org.funcfabric.core.common.ErrorCode;
import org.funcfabric.core.common.FabricException;
import org.funcfabric.core.endpoint.EndpointRegistry;
import org.funcfabric.core.token.TokenRevocation;
import org.funcfabric.core.token.TokenRevocations;

/** {@code /v2/admin/…}: what an operator needs to find and stop any endpoint, and to revoke tokens. */
@Path("v2/admin")
@RequestScoped
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {
    @Inject
    private EndpointRegistry registry;

    @Inject
    private TokenRevocations revocations;

    /**
     * A revocation request: {@code jti} alone revokes that token; {@code sub} (with {@code issued_before},
     * epoch seconds, default now) revokes the user's tokens issued before then.
     */
    public record RevocationRequest(String jti, String sub, @JsonbProperty("issued_before") Long issuedBefore) {
    }

    /** A revocation as stored; {@code revoked_at} in epoch milliseconds. */
    public record Revoked(String jti, String sub, @JsonbProperty("issued_before") Long issuedBefore,
                          @JsonbProperty("revoked_at") long revokedAt) {
        static Revoked from(TokenRevocation r) {
            return new Revoked(r.jti().orElse(null), r.subject().orElse(null), r.issuedBefore().orElse(null),
                    r.revokedAt());
        }
    }

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

    /** Revokes one token or a user's earlier tokens; they get 401 from then on (README "Security"). */
    @POST
    @Path("token_revocations")
    @Consumes(MediaType.APPLICATION_JSON)
    public Revoked revokeTokens(RevocationRequest body) {
        RevocationRequest r = RequestBodies.required(body);
        if ((r.jti() == null) == (r.sub() == null)) {
            throw new FabricException(ErrorCode.REQUEST_KEY_ERROR,
                    "Give either 'jti' (one token) or 'sub' with an optional 'issued_before' (a user's tokens)");
        }
        if (r.jti() != null && r.issuedBefore() != null) {
            throw new FabricException(ErrorCode.REQUEST_KEY_ERROR, "'issued_before' goes with 'sub', not with 'jti'");
        }
        return Revoked.from(r.jti() != null ? revocations.revokeToken(r.jti())
                : revocations.revokeSubject(r.sub(), r.issuedBefore()));
    }
}
