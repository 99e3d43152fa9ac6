package org.funcfabric.core.task;

import java.util.List;

/**
 * The answer to a funcX 1.x style submission: the group the accepted tasks joined and one outcome
 * per requested task, in request order.
 */
public record SubmittedTasks(String taskGroupId, List<TaskOutcome> outcomes) {
}
