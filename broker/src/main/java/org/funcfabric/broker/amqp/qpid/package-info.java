/**
 * The two Qpid Broker-J plugins FuncFabric adds to the embedded AMQP 0-9-1 broker: an authentication
 * provider that checks derived per-user passwords and an access control provider that confines each
 * result-queue user to its own queues. Their factories and registrations are generated at compile time
 * by Qpid's annotation processor ({@code qpid-broker-codegen}), as for Qpid's own plugins. Depends on
 * the Qpid broker core and {@link org.funcfabric.protocol.ResultQueueCredentials} only.
 */
package org.funcfabric.broker.amqp.qpid;
