package org.funcfabric.client.model;

import java.util.List;

/** {@code GET /v2/taskgroup/{id}}: the group's tasks, oldest submission first. */
public record TaskGroup(String taskgroupId, List<Member> tasks) {

    /** One task; {@code createdAt} is ISO-8601, UTC. */
    public record Member(String id, String createdAt) {
    }
}
