package org.funcfabric.api.health;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.funcfabric.api.Roles;

/**
 * {@code /health}, {@code /health/ready} and {@code /health/live} in the MicroProfile Health format,
 * served by the application itself. Payara Micro opens its HTTP port and its own health endpoint
 * before it deploys the WAR, and answers "UP" while no check is registered yet; served from here, the
 * path does not exist until the service does, so 200 really means ready. The launcher disables
 * Payara's endpoint; on a full server whose own {@code /health} is enabled, that one serves the same
 * checks.
 *
 * <p>Anyone may ask; only a caller whose bearer token carries the admin role sees each check's data
 * (which expected endpoint, by owner and name, is not online yet). Everyone else gets the statuses,
 * because the endpoint's names and owners are user data.
 */
@Path("/health")
@PermitAll
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {
    @Inject
    @Readiness
    private Instance<HealthCheck> readiness;

    @Inject
    @Liveness
    private Instance<HealthCheck> liveness;

    @Inject
    @Any
    private Instance<HealthCheck> all;

    @Context
    private SecurityContext security;

    /** The MicroProfile Health response body. */
    public record Report(String status, List<Check> checks) {
    }

    public record Check(String name, String status, Map<String, Object> data) {
    }

    @GET
    public Response all() {
        return report(all);
    }

    @GET
    @Path("ready")
    public Response ready() {
        return report(readiness);
    }

    @GET
    @Path("live")
    public Response live() {
        return report(liveness);
    }

    private Response report(Instance<HealthCheck> checks) {
        boolean details = security.isUserInRole(Roles.ADMIN);
        List<Check> results = new ArrayList<>();
        boolean up = true;
        for (HealthCheck check : checks) {
            HealthCheckResponse r = check.call();
            boolean checkUp = r.getStatus() == HealthCheckResponse.Status.UP;
            up &= checkUp;
            results.add(new Check(r.getName(), r.getStatus().name(), details ? r.getData().orElse(null) : null));
        }
        return Response.status(up ? 200 : 503).entity(new Report(up ? "UP" : "DOWN", results)).build();
    }
}
