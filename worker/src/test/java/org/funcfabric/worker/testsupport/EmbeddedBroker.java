package org.funcfabric.worker.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Set;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager4;
import org.funcfabric.protocol.Destinations;

/**
 * A real Artemis broker in the test JVM: netty acceptor on a free 127.0.0.1 port, no persistence. It lets any
 * named user in with any password and do anything, but stamps each message with its sender as the FuncFabric
 * broker does, so tests can send as the service or as someone else.
 */
public final class EmbeddedBroker implements AutoCloseable {
    /** The user the service sends tasks and commands as, which workers trust by default. */
    public static final String SERVICE_USER = Destinations.DEFAULT_SERVICE_USER;

    private final EmbeddedActiveMQ server;
    private final String url;

    private EmbeddedBroker(EmbeddedActiveMQ server, String url) {
        this.server = server;
        this.url = url;
    }

    public static EmbeddedBroker start(Path dataDir) throws Exception {
        String url = "tcp://127.0.0.1:" + freePort();
        Configuration config = new ConfigurationImpl()
                .setName("worker-test")
                .setPersistenceEnabled(false)
                .setSecurityEnabled(true)
                .setPopulateValidatedUser(true)
                .setJMXManagementEnabled(false)
                .setJournalDirectory(dataDir.resolve("journal").toString())
                .setBindingsDirectory(dataDir.resolve("bindings").toString())
                .setPagingDirectory(dataDir.resolve("paging").toString())
                .setLargeMessagesDirectory(dataDir.resolve("large").toString())
                .addAcceptorConfiguration("netty", url);
        config.setBrokerInstance(dataDir.toFile());
        EmbeddedActiveMQ server = new EmbeddedActiveMQ().setConfiguration(config)
                .setSecurityManager(new AnyNamedUser());
        server.start();
        return new EmbeddedBroker(server, url);
    }

    public String url() {
        return url;
    }

    /** A client factory for the test's own producers and consumers, connected as the service's broker user. */
    public ActiveMQConnectionFactory connectionFactory() {
        return connectionFactory(SERVICE_USER);
    }

    /** A client factory whose messages the broker stamps with {@code user} as their sender. */
    public ActiveMQConnectionFactory connectionFactory(String user) {
        return new ActiveMQConnectionFactory(url, user, "any-password");
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** Authenticates any named user, whose name becomes the messages' sender stamp, and authorizes everything. */
    private static final class AnyNamedUser implements ActiveMQSecurityManager4 {
        @Override
        public boolean validateUser(String user, String password) {
            return user != null;
        }

        @Override
        public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType) {
            return user != null;
        }

        @Override
        public String validateUser(String user, String password, RemotingConnection connection, String domain) {
            return user;
        }

        @Override
        public String validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType,
                                          String address, RemotingConnection connection, String domain) {
            return user;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
