package org.funcfabric.connector.registration;

import jakarta.json.bind.annotation.JsonbProperty;

/**
 * Body of {@code POST /v3/endpoints} and {@code PUT /v3/endpoints/{id}}.
 *
 * @param endpointName the endpoint's name, unique per owner
 * @param displayName  the name shown to users
 */
public record RegistrationRequest(@JsonbProperty("endpoint_name") String endpointName,
                                  @JsonbProperty("display_name") String displayName) {
}
