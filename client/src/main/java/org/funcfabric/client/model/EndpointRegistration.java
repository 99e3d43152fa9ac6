package org.funcfabric.client.model;

import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;
import java.util.Map;

/** The body of {@code POST /v3/endpoints} and {@code PUT /v3/endpoints/{id}}, as a connector sends it. */
public record EndpointRegistration(String endpointName, String displayName, Map<String, Object> metadata,
                                   List<String> allowedFunctions, @JsonbProperty("public") Boolean isPublic) {

    public static EndpointRegistration named(String name) {
        return new EndpointRegistration(name, null, null, null, null);
    }
}
