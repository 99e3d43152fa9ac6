package org.funcfabric.client.model;

/** The answer to {@code POST /v3/functions}. */
public record FunctionRegistered(String functionUuid) {
}
