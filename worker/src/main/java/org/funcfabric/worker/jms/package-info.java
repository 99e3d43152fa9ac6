/**
 * The worker's side of the broker (ARCHITECTURE.md "Messaging"): one Artemis JMS connection that
 * reconnects on its own, and per slot a {@link org.funcfabric.worker.jms.TaskQueueSubscriber} with its
 * own transacted session, so that sending a result and acknowledging its task commit together.
 * Depends on the protocol module, the Jakarta Messaging API with the Artemis client, and
 * {@code worker.task}.
 */
package org.funcfabric.worker.jms;
