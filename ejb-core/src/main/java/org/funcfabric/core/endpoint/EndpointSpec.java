package org.funcfabric.core.endpoint;

import java.util.List;

/**
 * What a registration says about an endpoint.
 *
 * @param name             unique per owner
 * @param displayName      shown to users; defaults to the name
 * @param metadataJson     free-form JSON object, stored as given
 * @param isPublic         usable by every user
 * @param groups           groups (from the token's {@code groups} claim) whose members may use it; may be null
 * @param allowedFunctions when non-null, the only functions that may run here
 */
public record EndpointSpec(String name, String displayName, String metadataJson, boolean isPublic,
                           List<String> groups, List<String> allowedFunctions) {
}
