package org.funcfabric.client.model;

/** {@code GET /v2/endpoints/{id}/status}. */
public record EndpointStatus(String status, Details details) {

    /**
     * Capacity and load.
     *
     * @param lastHeartbeat epoch ms of the connector's last heartbeat, null before the first
     */
    public record Details(Integer totalWorkers, Integer idleWorkers, Long pendingTasks, Long outstandingTasks,
                          Integer managers, Long lastHeartbeat) {
    }
}
