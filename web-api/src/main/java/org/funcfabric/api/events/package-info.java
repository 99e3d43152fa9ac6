/**
 * Task event streams, {@code GET /v2/taskgroup/{id}/events}: Server-Sent Events of the task documents of
 * a group as its tasks reach a terminal state, in the group's event number order and resumable from
 * {@code Last-Event-ID}. Streams are woken by the CDI events that every service instance fires for
 * the broker's {@code fabric.events} notices, and read what is new from the store through the core's
 * {@link org.funcfabric.core.task.TaskService}; writes and timers run on a pool of managed threads ({@link org.funcfabric.core.common.ServiceThreads}),
 * never on a request thread. Depends on the core, the task document of the REST API, and JAX-RS SSE.
 */
package org.funcfabric.api.events;
