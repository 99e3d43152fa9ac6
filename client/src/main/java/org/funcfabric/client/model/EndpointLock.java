package org.funcfabric.client.model;

/** The answer to {@code POST /v3/endpoints/{id}/lock}: until when (ISO-8601, UTC) it refuses tasks. */
public record EndpointLock(String endpointId, String lockExpirationTimestamp) {
}
