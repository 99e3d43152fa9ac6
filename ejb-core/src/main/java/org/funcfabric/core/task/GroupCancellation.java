package org.funcfabric.core.task;

/**
 * What cancelling a task group did.
 *
 * @param taskGroupId the group
 * @param cancelled   tasks that were open and are now cancelled
 * @param alreadyDone tasks that had already ended and were left as they were
 */
public record GroupCancellation(String taskGroupId, int cancelled, long alreadyDone) {
}
