package org.funcfabric.client;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyNamingStrategy;

/** The two JSON-B configurations of the client; both instances are thread-safe and shared. */
public final class Json {
    /** The REST API's documents: record components as snake_case names ({@code function_uuid}). */
    public static final Jsonb API = JsonbBuilder.create(new JsonbConfig()
            .withPropertyNamingStrategy(PropertyNamingStrategy.LOWER_CASE_WITH_UNDERSCORES));

    /**
     * Function arguments and results, as the worker reads and writes them: JSON-B defaults, so a
     * record travels with its component names unchanged.
     */
    public static final Jsonb DATA = JsonbBuilder.create();

    private Json() {
    }
}
