package org.funcfabric.protocol;

/**
 * A connector's periodic report, sent to {@code fabric.heartbeats}.
 *
 * @param v            schema version, {@link #VERSION}
 * @param endpointId   the endpoint the connector serves
 * @param state        {@link #ONLINE}, or {@link #OFFLINE} in the last heartbeat of a clean stop
 * @param totalWorkers worker processes alive
 * @param totalSlots   task slots across those workers
 * @param sentAt       epoch ms when the connector sent it
 * @param queuedTasks  messages in the endpoint's task queue (waiting or being delivered), -1 if unknown
 */
public record HeartbeatMessage(int v, String endpointId, String state, int totalWorkers, int totalSlots,
                               long sentAt, long queuedTasks) {
    public static final int VERSION = 1;
    public static final String ONLINE = "online";
    public static final String OFFLINE = "offline";
}
