package org.funcfabric.connector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Set;

import jakarta.jms.JMSContext;

import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager4;
import org.funcfabric.protocol.Destinations;

/**
 * A real Artemis broker in the test JVM, on a free loopback port, without persistence. It lets any named user
 * in and do anything, but stamps each message with its sender as the FuncFabric broker does.
 */
public final class TestBroker implements AutoCloseable {
    private final EmbeddedActiveMQ server;
    private final String url;

    private TestBroker(EmbeddedActiveMQ server, String url) {
        this.server = server;
        this.url = url;
    }

    public static TestBroker start() throws Exception {
        String url = "tcp://127.0.0.1:" + freePort();
        ConfigurationImpl config = new ConfigurationImpl();
        config.setPersistenceEnabled(false);
        config.setSecurityEnabled(true);
        config.setPopulateValidatedUser(true);
        config.setJMXManagementEnabled(false);
        config.addAcceptorConfiguration("test", url);
        EmbeddedActiveMQ server = new EmbeddedActiveMQ().setConfiguration(config).setSecurityManager(new AnyNamedUser());
        server.start();
        return new TestBroker(server, url);
    }

    public String url() {
        return url;
    }

    /** Connected as the service's broker user. */
    public JMSContext connect() {
        return connect(Destinations.DEFAULT_SERVICE_USER);
    }

    /** Connected as {@code user}, whom the broker stamps on what this context sends. */
    public JMSContext connect(String user) {
        return new ActiveMQConnectionFactory(url).createContext(user, "any-password", JMSContext.AUTO_ACKNOWLEDGE);
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

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
