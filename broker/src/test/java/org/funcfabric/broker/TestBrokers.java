package org.funcfabric.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

import jakarta.jms.JMSContext;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.funcfabric.broker.security.BrokerCredential;
import org.funcfabric.protocol.EndpointCredentials;

/** Settings for a broker on a free loopback port, and JMS contexts to talk to it. */
final class TestBrokers {
    static final BrokerCredential SERVICE = new BrokerCredential("fabric-service", "service-secret");
    static final String ENDPOINT_KEY = "endpoint-key";

    private TestBrokers() {
    }

    static BrokerSettings settings(Path dataDir) {
        return settings(dataDir, freePort());
    }

    static BrokerSettings settings(Path dataDir, int port) {
        return BrokerSettings.from(Map.of(
                BrokerSettings.PORT, String.valueOf(port),
                BrokerSettings.DATA_DIR, dataDir.toString(),
                BrokerSettings.SERVICE_PASSWORD, SERVICE.password(),
                BrokerSettings.ENDPOINT_KEY, ENDPOINT_KEY)::get);
    }

    /** The credential the service would hand to endpoint {@code endpointId} at {@code generation}. */
    static BrokerCredential endpoint(String endpointId, int generation) {
        String user = EndpointCredentials.userFor(endpointId, generation);
        return new BrokerCredential(user, new EndpointCredentials(ENDPOINT_KEY).passwordFor(user));
    }

    static JMSContext connect(BrokerSettings settings, BrokerCredential credential) {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(settings.url());
        return factory.createContext(credential.user(), credential.password(), JMSContext.AUTO_ACKNOWLEDGE);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
