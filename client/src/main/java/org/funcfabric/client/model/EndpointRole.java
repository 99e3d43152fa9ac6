package org.funcfabric.client.model;

import java.util.Locale;

/** Which endpoints {@code GET /v2/endpoints?role=…} lists: the caller's own, or all it may use. */
public enum EndpointRole {
    OWNER, ANY;

    /** The query parameter value. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
