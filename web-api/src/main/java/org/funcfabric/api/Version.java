package org.funcfabric.api;

import jakarta.annotation.security.PermitAll;
import jakarta.json.Json;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /v2/version}: open to everyone, as SDKs check it before logging in. */
@Path("/v2/version")
@PermitAll
public class Version {
    /** The API version this service speaks. */
    public static final String API = "1.0.0";

    /** {@code service=all} answers the versions the Globus Compute SDK checks. */
    public record AllVersions(String api, String minSdkVersion, String minEndpointVersion, String minEpVersion,
                              String gitSha) {
    }

    /** The version alone is a JSON string ({@code "1.0.0"}), not bare text. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Object version(@QueryParam("service") String service) {
        if ("all".equals(service)) {
            return new AllVersions(API, "2.0.0", "2.0.0", "2.0.0", "unknown");
        }
        return Json.createValue(API);
    }
}
