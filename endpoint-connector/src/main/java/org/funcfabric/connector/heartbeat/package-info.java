/**
 * The connector's heartbeats: a {@link org.funcfabric.protocol.HeartbeatMessage} sent to the broker's
 * heartbeat queue at start, every heartbeat period, and a last one saying {@code offline} on a clean
 * stop, so the service can tell a stopped endpoint from a silent one. Depends on the Artemis Jakarta
 * JMS client, the protocol records and the queue description of the registration; learns the worker
 * count from its caller.
 */
package org.funcfabric.connector.heartbeat;
