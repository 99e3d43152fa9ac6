/**
 * The AMQP 0-9-1 adapter of the core, for the Globus Compute SDK's {@code Executor}: derives each
 * user's result-queue credential, declares task group queues, and publishes stored results as
 * messagepack v1 {@code Result} messages after their transaction commits (CDI event
 * {@link org.funcfabric.core.task.TaskCompleted}, MicroProfile Fault Tolerance retries). Speaks to the
 * broker process's embedded Qpid Broker-J with the RabbitMQ Java client; settings {@code fabric.amqp.*}.
 * Depends on ejb-core's task and error types only.
 */
package org.funcfabric.bridge.amqp;
