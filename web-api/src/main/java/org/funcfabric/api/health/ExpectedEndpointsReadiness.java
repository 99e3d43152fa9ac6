package org.funcfabric.api.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.funcfabric.core.endpoint.EndpointRegistry;

/**
 * Ready only once the endpoints this deployment is expected to bring along are online
 * ({@code fabric.health.expected-endpoints}, entries {@code owner/name}). The embedded run lists its
 * local endpoint, so a client that sees {@code /health/ready} answer 200 can submit to it at once.
 * Unset (the default) the check is always up.
 */
@Readiness
@ApplicationScoped
public class ExpectedEndpointsReadiness implements HealthCheck {
    // A comma-separated string: Payara's config injection fails on Optional<List<String>>.
    @Inject
    @ConfigProperty(name = "fabric.health.expected-endpoints")
    Optional<String> expected;

    @Inject
    private EndpointRegistry registry;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("expected-endpoints");
        boolean up = true;
        for (String entry : expected.map(e -> List.of(e.split(","))).orElse(List.of())) {
            int slash = entry.strip().indexOf('/');
            boolean online = slash > 0 && registry.isOnline(entry.strip().substring(0, slash),
                    entry.strip().substring(slash + 1));
            response.withData(entry, online ? "online" : "not online");
            up &= online;
        }
        return response.status(up).build();
    }
}
