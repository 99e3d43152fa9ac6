package org.funcfabric.protocol;

import java.util.List;

/**
 * An order from the service to everything serving one endpoint, published to the endpoint's
 * multicast command address {@code fabric.commands.<endpoint-id>}: each worker and the connector hold
 * a non-durable subscription there, so all of them hear every command.
 *
 * @param v          schema version, {@link #VERSION}
 * @param type       {@link #CANCEL}: stop or skip {@code taskIds}; {@link #STOP}: the endpoint was
 *                   locked or deleted, the connector stops its workers and itself
 * @param endpointId the endpoint addressed
 * @param taskIds    for {@link #CANCEL}, the tasks to cancel; empty otherwise
 * @param sentAt     epoch ms when the service sent it
 */
public record CommandMessage(int v, String type, String endpointId, List<String> taskIds, long sentAt) {
    public static final int VERSION = 1;
    public static final String CANCEL = "cancel";
    public static final String STOP = "stop";
}
