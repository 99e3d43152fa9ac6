package org.funcfabric.api.json;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyNamingStrategy;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/** Maps record components such as {@code functionUuid} to the API's {@code function_uuid}. */
@Provider
public class JsonbResolver implements ContextResolver<Jsonb> {
    /** The API's JSON-B instance, also used outside JAX-RS (error pages). */
    public static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig()
            .withPropertyNamingStrategy(PropertyNamingStrategy.LOWER_CASE_WITH_UNDERSCORES));

    @Override
    public Jsonb getContext(Class<?> type) {
        return JSONB;
    }
}
