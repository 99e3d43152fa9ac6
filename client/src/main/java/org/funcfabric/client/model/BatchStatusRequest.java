package org.funcfabric.client.model;

import java.util.List;

/** The body of {@code POST /v2/batch_status}. */
public record BatchStatusRequest(List<String> taskIds) {
}
