package org.funcfabric.client.model;

/** One endpoint as {@code GET /v2/endpoints} lists it. */
public record EndpointSummary(String uuid, String name, String displayName, String owner) {
}
