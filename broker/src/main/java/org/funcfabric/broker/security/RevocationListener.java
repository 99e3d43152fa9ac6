package org.funcfabric.broker.security;

import java.util.logging.Level;
import java.util.logging.Logger;

import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQSecurityException;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientConsumer;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.activemq.artemis.reader.TextMessageUtil;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.funcfabric.protocol.CredentialRevocation;
import org.funcfabric.protocol.Destinations;
import org.funcfabric.protocol.ProtocolException;
import org.funcfabric.protocol.ProtocolJson;

/**
 * The broker's own consumer of the service's {@link CredentialRevocation}s on
 * {@code fabric.credentials}, over an in-VM connection with the service's credential. A revocation is
 * written to the {@link CredentialRevocations} file, then every connection that still uses a revoked
 * credential is closed, and only then acknowledged: a broker that dies in between gets it again.
 */
public final class RevocationListener {
    private static final Logger LOG = Logger.getLogger(RevocationListener.class.getName());

    private final ActiveMQServer server;
    private final CredentialRevocations revocations;
    private final BrokerCredential service;
    private ServerLocator locator;
    private ClientSession session;

    public RevocationListener(ActiveMQServer server, CredentialRevocations revocations, BrokerCredential service) {
        this.server = server;
        this.revocations = revocations;
        this.service = service;
    }

    /** Starts consuming from the broker at {@code inVmUrl}, which must be this process's in-VM acceptor. */
    public synchronized void start(String inVmUrl) throws Exception {
        locator = ActiveMQClient.createServerLocator(inVmUrl);
        ClientSessionFactory factory = locator.createSessionFactory();
        // transacted acknowledgements: a revocation is acknowledged only after it took effect
        session = factory.createSession(service.user(), service.password(), false, true, false, false, 0);
        ClientConsumer consumer = session.createConsumer(Destinations.CREDENTIALS);
        consumer.setMessageHandler(this::onMessage);
        session.start();
    }

    public synchronized void stop() {
        if (locator != null) {
            locator.close();
            locator = null;
            session = null;
        }
    }

    public synchronized boolean isStarted() {
        return session != null;
    }

    private void onMessage(ClientMessage message) {
        try {
            SimpleString text = TextMessageUtil.readBodyText(message.getBodyBuffer());
            if (text == null) {
                throw new ProtocolException("credential revocation without a body");
            }
            apply(ProtocolJson.fromJson(text.toString(), CredentialRevocation.class));
            message.acknowledge();
            session.commit();
        } catch (ProtocolException e) {
            LOG.warning(() -> "unreadable credential revocation dropped: " + e.getMessage());
            acknowledgeQuietly(message);
        } catch (ActiveMQException | RuntimeException e) {
            LOG.log(Level.WARNING, "credential revocation not applied; the broker redelivers it", e);
            try {
                session.rollback();
            } catch (ActiveMQException rollback) {
                LOG.log(Level.FINE, "rollback after a failed revocation", rollback);
            }
        }
    }

    private void apply(CredentialRevocation revocation) {
        if (revocations.apply(revocation)) {
            LOG.info(() -> "credentials of endpoint " + revocation.endpointId() + " below generation "
                    + revocation.validFrom() + " revoked");
        }
        // Also on a repeated revocation: a connection may have been made before the first one took effect.
        for (ServerSession s : server.getSessions()) {
            if (revocations.isRevoked(s.getUsername())) {
                RemotingConnection connection = server.getRemotingService().removeConnection(s.getConnectionID());
                if (connection != null) {
                    LOG.info(() -> "closing the connection of revoked credential " + s.getUsername());
                    connection.fail(new ActiveMQSecurityException("the credential " + s.getUsername() + " was revoked"));
                }
            }
        }
    }

    private void acknowledgeQuietly(ClientMessage message) {
        try {
            message.acknowledge();
            session.commit();
        } catch (ActiveMQException e) {
            LOG.log(Level.FINE, "acknowledging an unreadable revocation", e);
        }
    }
}
