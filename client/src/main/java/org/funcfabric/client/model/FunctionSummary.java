package org.funcfabric.client.model;

import jakarta.json.bind.annotation.JsonbProperty;

/**
 * One of the caller's functions as {@code GET /v2/functions} lists them.
 *
 * @param header    the code's buffer header ({@code sh}, {@code jv}, {@code st}…)
 * @param createdAt ISO-8601, UTC
 */
public record FunctionSummary(String functionUuid, String functionName, String description, String header,
                              @JsonbProperty("public") Boolean isPublic, String createdAt) {
}
