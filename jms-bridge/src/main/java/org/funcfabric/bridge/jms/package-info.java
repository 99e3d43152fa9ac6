/**
 * The JMS adapter of the core: sends tasks to {@code fabric.tasks.<endpoint-id>} inside the caller's
 * JTA transaction, and turns messages on {@code fabric.results} and {@code fabric.heartbeats} into
 * core service calls. Task event notices travel between service instances over the multicast
 * {@code fabric.events}: published after a result commits, heard by every instance and fired there as
 * CDI events. Reaches Artemis only through its resource adapter; its settings (host, port,
 * credentials, adapter name) come from MicroProfile Config {@code fabric.broker.*} at deployment.
 * Redelivery limits and the dead-letter address these MDBs rely on are broker configuration
 * (broker module: max 10 deliveries, then {@code DLQ}).
 */
package org.funcfabric.bridge.jms;
