package org.funcfabric.client.model;

import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /v3/endpoints/{id}/submit}.
 *
 * @param tasks             function id → task payloads ({@code pack([args, kwargs])}), one task each
 * @param taskGroupId       the group to join or create (a client may choose a new id); null for a new one
 * @param createQueue       an AMQP result queue for the group (the Globus Compute SDK's Executor)
 * @param resultSerializers result strategies to try in order; see {@link #JSON_RESULTS}
 */
public record Submission(Map<String, List<String>> tasks, String taskGroupId, Boolean createQueue,
                         Map<String, Object> resourceSpecification, Map<String, Object> userEndpointConfig,
                         List<String> resultSerializers) {
    /** The result strategy that makes workers answer {@code 11} (JSON) buffers, which Java can read. */
    public static final String JSON_RESULTS = "globus_compute_sdk.serialize.JSONData";

    /** Tasks in {@code taskGroupId} (null: a new group) with JSON results. */
    public static Submission of(Map<String, List<String>> tasks, String taskGroupId) {
        return new Submission(tasks, taskGroupId, null, null, null, List.of(JSON_RESULTS));
    }
}
