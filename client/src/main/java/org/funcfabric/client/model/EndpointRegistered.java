package org.funcfabric.client.model;

/** The answer to an endpoint (re-)registration: where its connector and workers reach the broker. */
public record EndpointRegistered(String endpointId, QueueInfo taskQueueInfo, QueueInfo resultQueueInfo,
                                 QueueInfo heartbeatQueueInfo, QueueInfo commandQueueInfo) {

    /** One broker queue and the credential to use it. */
    public record QueueInfo(String connectionUrl, String queue, String username, String password) {
    }
}
