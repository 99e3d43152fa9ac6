/**
 * Tasks and task groups: a task is one function invocation on one endpoint, stored durably before
 * the client hears 200 and dispatched to the endpoint's queue in the same transaction. Its state
 * changes only through methods on {@link org.funcfabric.core.task.Task}; the first terminal result
 * wins. The JMS side is reached through the {@link org.funcfabric.core.task.TaskDispatcher} port.
 */
package org.funcfabric.core.task;
