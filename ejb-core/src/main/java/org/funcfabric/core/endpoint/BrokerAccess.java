package org.funcfabric.core.endpoint;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.funcfabric.protocol.Destinations;
import org.funcfabric.protocol.EndpointCredentials;

/**
 * How connectors and workers reach the broker: the URL they should use (which may differ from the
 * service's own view of the broker) and the endpoint's own broker credential, handed out at
 * registration. The credential is derived from {@code fabric.broker.endpoint-key}, which the broker
 * holds too ({@link EndpointCredentials}), so nothing secret is stored per endpoint.
 */
@ApplicationScoped
public class BrokerAccess {
    @Inject
    @ConfigProperty(name = "fabric.broker.public-url", defaultValue = "tcp://127.0.0.1:61616")
    String publicUrl;

    @Inject
    @ConfigProperty(name = "fabric.broker.endpoint-key")
    String endpointKey;

    @Inject
    @ConfigProperty(name = "fabric.broker.user", defaultValue = Destinations.DEFAULT_SERVICE_USER)
    String serviceUser;

    /** A broker user name and password. */
    public record Credential(String user, String password) {
        @Override
        public String toString() {
            return "Credential[user=" + user + "]";
        }
    }

    public String publicUrl() {
        return publicUrl;
    }

    /**
     * The service's own broker user, which the broker stamps on every task and command the service sends:
     * connectors and workers accept those from this user only.
     */
    public String serviceUser() {
        return serviceUser;
    }

    /** The endpoint's current broker credential; only ever shown to the endpoint's owner. */
    public Credential credentialOf(Endpoint ep) {
        String user = EndpointCredentials.userFor(ep.id(), ep.credentialGeneration());
        return new Credential(user, new EndpointCredentials(endpointKey).passwordFor(user));
    }
}
