package org.funcfabric.client.model;

import java.util.List;

/** {@code GET /v3/endpoints/{id}/allowed_functions}: unrestricted endpoints run any usable function. */
public record AllowedFunctions(String endpointId, Boolean restricted, List<String> functions) {
}
