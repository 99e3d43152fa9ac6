package org.funcfabric.client.model;

import java.util.Map;

/**
 * The answer to {@code POST /v2/batch_status}: a document per requested id; ids that are unknown or
 * another user's come back with status {@code Failed} and reason "unknown task id".
 */
public record BatchStatus(String response, Map<String, TaskDocument> results) {
}
