package org.funcfabric.core.task;

import java.util.List;
import java.util.Map;

/**
 * The answer to a submission: the ids of the stored tasks, one per payload, in request order.
 *
 * @param requestId   this submission's id
 * @param taskGroupId the group the tasks joined (new unless the request named one)
 * @param endpointId  where they run
 * @param tasks       function id as requested → task ids
 */
public record SubmittedBatch(String requestId, String taskGroupId, String endpointId,
                             Map<String, List<String>> tasks) {
}
