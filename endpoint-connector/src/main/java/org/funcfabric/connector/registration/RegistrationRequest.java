package org.funcfabric.connector.registration;

import java.util.List;

import jakarta.json.bind.annotation.JsonbProperty;

import org.funcfabric.protocol.AllowedFunctions;

/**
 * Body of {@code POST /v3/endpoints} and {@code PUT /v3/endpoints/{id}}.
 *
 * @param endpointName     the endpoint's name, unique per owner
 * @param displayName      the name shown to users
 * @param allowedFunctions the only functions the service may send here; null, and so left out of the body,
 *                         for any: an empty list would allow none
 */
public record RegistrationRequest(@JsonbProperty("endpoint_name") String endpointName,
                                  @JsonbProperty("display_name") String displayName,
                                  @JsonbProperty("allowed_functions") List<String> allowedFunctions) {
    /** The registration of the endpoint {@code name} restricted to {@code allowed}. */
    static RegistrationRequest of(String name, AllowedFunctions allowed) {
        return new RegistrationRequest(name, name, allowed.isRestricted() ? allowed.ids() : null);
    }
}
