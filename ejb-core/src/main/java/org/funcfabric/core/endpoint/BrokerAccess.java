package org.funcfabric.core.endpoint;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How connectors and workers reach the broker: the URL they should use (which may differ from the
 * service's own view of the broker) and the credential handed to them at registration.
 */
@ApplicationScoped
public class BrokerAccess {
    @Inject
    @ConfigProperty(name = "fabric.broker.public-url", defaultValue = "tcp://127.0.0.1:61616")
    String publicUrl;

    @Inject
    @ConfigProperty(name = "fabric.broker.endpoint-user", defaultValue = "fabric-endpoint")
    String endpointUser;

    @Inject
    @ConfigProperty(name = "fabric.broker.endpoint-password")
    String endpointPassword;

    public String publicUrl() {
        return publicUrl;
    }

    public String endpointUser() {
        return endpointUser;
    }

    public String endpointPassword() {
        return endpointPassword;
    }
}
