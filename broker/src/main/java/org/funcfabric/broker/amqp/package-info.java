/**
 * The AMQP 0-9-1 listener of the broker process, for the Globus Compute SDK's {@code Executor}: its
 * settings, the derived per-user result-queue credentials, and the embedded Qpid Broker-J that serves
 * them. Depends on Qpid's broker core and on the broker package's settings and errors.
 */
package org.funcfabric.broker.amqp;
