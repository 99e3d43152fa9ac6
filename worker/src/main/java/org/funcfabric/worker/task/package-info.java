/**
 * What a slot does with one task, independent of how it arrived: {@link org.funcfabric.worker.task.TaskRunner}
 * reads the header of the function's buffer (API.md "Serialized buffers") and hands the task to the
 * {@link org.funcfabric.worker.task.TaskExecutor} for that function kind, then enforces the result size
 * limit. It also holds what executors share: {@link org.funcfabric.worker.task.TaskFailure} and the JSON
 * arguments of the kinds that run without Python ({@link org.funcfabric.worker.task.JsonArguments}).
 * Depends on the protocol module and JSON-P; the executors live in their own packages and know nothing of
 * JMS.
 */
package org.funcfabric.worker.task;
