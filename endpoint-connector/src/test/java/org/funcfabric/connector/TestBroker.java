package org.funcfabric.connector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import jakarta.jms.JMSContext;

import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/** A real Artemis broker in the test JVM, on a free loopback port, without persistence or security. */
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
        config.setSecurityEnabled(false);
        config.setJMXManagementEnabled(false);
        config.addAcceptorConfiguration("test", url);
        EmbeddedActiveMQ server = new EmbeddedActiveMQ().setConfiguration(config);
        server.start();
        return new TestBroker(server, url);
    }

    public String url() {
        return url;
    }

    public JMSContext connect() {
        return new ActiveMQConnectionFactory(url).createContext(JMSContext.AUTO_ACKNOWLEDGE);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
