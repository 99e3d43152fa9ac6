package org.funcfabric.client.model;

import java.util.List;
import java.util.Map;

/** The answer to a submit: one task id per payload, per function, in request order. */
public record SubmitResponse(String requestId, String taskGroupId, String endpointId,
                             Map<String, List<String>> tasks) {
}
