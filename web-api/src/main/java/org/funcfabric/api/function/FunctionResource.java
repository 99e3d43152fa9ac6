package org.funcfabric.api.function;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.funcfabric.api.Roles;
import org.funcfabric.api.limits.SubmitRateLimited;
import org.funcfabric.api.json.JsonbResolver;
import org.funcfabric.api.security.CurrentCaller;
import org.funcfabric.api.RequestBodies;
import org.funcfabric.core.function.FunctionService;
import org.funcfabric.core.function.RegisteredFunction;

/**
 * {@code /v3/functions}, {@code /v2/functions} (registration as funcX 1.x; listing) and
 * {@code /v2/functions/{id}}.
 */
@Path("/")
@RequestScoped
@RolesAllowed(Roles.USER)
@Produces(MediaType.APPLICATION_JSON)
public class FunctionResource {
    @Inject
    private FunctionService functions;

    @Inject
    private CurrentCaller caller;

    /** The registration body; {@code meta} is what the Globus Compute SDK sends. */
    public record Registration(String functionName, String functionCode, String description, JsonObject meta,
                               JsonObject metadata, @JsonbProperty("public") Boolean isPublic, String group) {
    }

    public record Registered(String functionUuid) {
    }

    /** A function as {@code GET /v2/functions/{id}} shows it. */
    public record FunctionDocument(String functionUuid, String functionName, String functionCode, String description,
                                   Object metadata) {
        static FunctionDocument from(RegisteredFunction fn) {
            Object metadata = fn.metadata() == null ? Map.of() : JsonbResolver.JSONB.fromJson(fn.metadata(), JsonObject.class);
            return new FunctionDocument(fn.id(), fn.name(), fn.code(), fn.description(), metadata);
        }
    }

    /** A function as {@code GET /v2/functions} lists it; {@code created_at} is ISO-8601, UTC. */
    public record FunctionSummary(String functionUuid, String functionName, String description, String header,
                                  @JsonbProperty("public") boolean isPublic, String createdAt) {
        static FunctionSummary from(FunctionService.Listed fn) {
            return new FunctionSummary(fn.id(), fn.name(), fn.description(), fn.header(), fn.isPublic(),
                    Instant.ofEpochMilli(fn.createdAt()).toString());
        }
    }

    public record Deleted(int result) {
    }

    @SubmitRateLimited
    @POST
    @Path("v3/functions")
    @Consumes(MediaType.APPLICATION_JSON)
    public Registered register(Registration body) {
        return registerFunction(body);
    }

    /** The funcX 1.x route: the same body and answer as {@code /v3/functions}. */
    @SubmitRateLimited
    @POST
    @Path("v2/functions")
    @Consumes(MediaType.APPLICATION_JSON)
    public Registered registerV2(Registration body) {
        return registerFunction(body);
    }

    private Registered registerFunction(Registration body) {
        Registration r = RequestBodies.required(body);
        JsonObject meta = r.meta() != null ? r.meta() : r.metadata();
        RegisteredFunction fn = functions.register(caller.get(), r.functionName(), r.functionCode(), r.description(),
                meta == null ? null : meta.toString(), Boolean.TRUE.equals(r.isPublic()), r.group());
        return new Registered(fn.id());
    }

    /** The caller's own functions, oldest first (FuncFabric's; Globus Compute has no such route). */
    @GET
    @Path("v2/functions")
    public List<FunctionSummary> list() {
        return functions.owned(caller.get()).stream().map(FunctionSummary::from).toList();
    }

    @GET
    @Path("v2/functions/{id}")
    public FunctionDocument get(@PathParam("id") String id) {
        return FunctionDocument.from(functions.usable(caller.get(), id));
    }

    @DELETE
    @Path("v2/functions/{id}")
    public Deleted delete(@PathParam("id") String id) {
        functions.delete(caller.get(), id);
        return new Deleted(302);
    }
}
