package org.funcfabric.client.model;

import jakarta.json.bind.annotation.JsonbProperty;

/** An endpoint as {@code GET /v2/endpoints/{id}} shows it; {@code status} is online or offline. */
public record EndpointDocument(String uuid, String endpointId, String name, String displayName, String owner,
                               @JsonbProperty("public") Boolean isPublic, String status) {
}
