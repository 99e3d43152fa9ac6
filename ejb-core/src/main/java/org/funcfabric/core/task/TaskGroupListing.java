package org.funcfabric.core.task;

import java.util.List;

/**
 * The tasks of one task group, oldest submission first, as {@code GET /v2/taskgroup/{id}} lists them.
 *
 * @param taskGroupId the group
 * @param tasks       its tasks' ids and submission times
 */
public record TaskGroupListing(String taskGroupId, List<Member> tasks) {

    /** One task of the group: its id and when the service received it (epoch ms). */
    public record Member(String id, long createdAt) {
    }
}
