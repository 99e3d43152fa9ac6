/**
 * The broker launcher: reads its settings from the environment, builds the Artemis configuration
 * FuncFabric relies on (acceptor, journal, the {@code fabric.#} addressing with its redelivery and
 * dead-letter policy) and runs an embedded ActiveMQ Artemis server in its own process, with, when
 * configured, the AMQP 0-9-1 result queues of {@code org.funcfabric.broker.amqp} beside it. Depends on the
 * Artemis server library, the shared destination names in {@code org.funcfabric.protocol} and the
 * broker's security rules in {@code org.funcfabric.broker.security}; nothing depends on it but
 * launchers and tests that start a broker.
 */
package org.funcfabric.broker;
