package org.funcfabric.core.task;

/**
 * One task of a funcX 1.x style submission ({@code POST /v2/submit}), where every task names its own
 * function and endpoint.
 *
 * @param functionId as the client gave it
 * @param endpointId as the client gave it
 * @param payload    packed args and kwargs buffers
 */
public record TaskRequest(String functionId, String endpointId, String payload) {
}
