/**
 * Tasks and task groups: a task is one function invocation on one endpoint, stored durably before
 * the client hears 200 and dispatched to the endpoint's queue in the same transaction. Its state
 * changes only through methods on {@link org.funcfabric.core.task.Task}; the first terminal result
 * wins, and takes the next event number of the task's group (gap-free, in commit order: the order in
 * which task event streams show the group's results). The JMS side is reached through the
 * {@link org.funcfabric.core.task.TaskDispatcher} port; events that concern every service instance
 * are fired qualified {@link org.funcfabric.core.task.Broadcast}.
 */
package org.funcfabric.core.task;
