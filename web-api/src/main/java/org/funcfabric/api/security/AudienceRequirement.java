package org.funcfabric.api.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.DeploymentException;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Refuses to deploy without {@code mp.jwt.verify.audiences}: MP-JWT then accepts a token of the same
 * issuer and key that was issued for any other application of the realm. An installation that wants
 * that must say so with {@code fabric.auth.allow-any-audience=true}.
 */
@ApplicationScoped
public class AudienceRequirement {
    static final String AUDIENCES = "mp.jwt.verify.audiences";
    static final String ALLOW_ANY = "fabric.auth.allow-any-audience";

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        Config config = ConfigProvider.getConfig();
        problem(config.getOptionalValue(AUDIENCES, String.class),
                config.getOptionalValue(ALLOW_ANY, Boolean.class).orElse(false))
                .ifPresent(message -> {
                    throw new DeploymentException(message);
                });
    }

    /** The one line that says what to set, or empty when the configuration is acceptable. */
    static Optional<String> problem(Optional<String> audiences, boolean allowAnyAudience) {
        if (allowAnyAudience || audiences.filter(a -> !a.isBlank()).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(AUDIENCES + " is not set: set it to the audience your identity provider writes into"
                + " FuncFabric's tokens (aud), or set " + ALLOW_ANY + "=true to accept tokens of any audience");
    }
}
