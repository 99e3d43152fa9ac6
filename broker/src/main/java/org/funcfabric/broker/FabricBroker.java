package org.funcfabric.broker;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptor;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.spi.core.remoting.Acceptor;
import org.funcfabric.broker.amqp.AmqpSettings;
import org.funcfabric.broker.amqp.ResultQueueBroker;
import org.funcfabric.broker.security.CredentialRevocations;
import org.funcfabric.broker.security.FabricSecurity;
import org.funcfabric.broker.security.RevocationListener;

/**
 * The FuncFabric broker: an embedded ActiveMQ Artemis server with {@link BrokerConfiguration} and
 * {@link FabricSecurity}, and, when configured, the AMQP 0-9-1 result queues ({@link ResultQueueBroker})
 * in the same process. Usable in-process (tests, launchers) as well as through {@link BrokerMain}.
 */
public final class FabricBroker {
    private static final Logger LOG = Logger.getLogger(FabricBroker.class.getName());

    private final BrokerSettings settings;
    private final Optional<ResultQueueBroker> amqp;
    private EmbeddedActiveMQ server;
    private RevocationListener revocationListener;

    public FabricBroker(BrokerSettings settings) {
        this(settings, Optional.empty());
    }

    /** A broker that also serves AMQP 0-9-1 result queues when {@code amqp} is present. */
    public FabricBroker(BrokerSettings settings, Optional<AmqpSettings> amqp) {
        this.settings = settings;
        this.amqp = amqp.map(a -> new ResultQueueBroker(a, settings.service()));
    }

    /**
     * Starts the broker and returns once it accepts connections.
     *
     * @throws BrokerConfigException when the data directory is unusable or the port is taken
     */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            Files.createDirectories(settings.dataDir());
        } catch (IOException e) {
            throw new BrokerConfigException("cannot create " + settings.dataDir() + " (" + e.getMessage()
                    + "): set " + BrokerSettings.DATA_DIR + " to a writable directory", e);
        }
        requirePortsFree();
        CredentialRevocations revocations = CredentialRevocations.load(settings.dataDir());
        EmbeddedActiveMQ embedded = new EmbeddedActiveMQ()
                .setConfiguration(BrokerConfiguration.create(settings))
                .setSecurityManager(FabricSecurity.securityManager(settings.service(), settings.endpointKey(), revocations));
        try {
            embedded.start();
        } catch (Exception e) {
            stopQuietly(embedded);
            throw new IllegalStateException("the broker did not start: " + e.getMessage(), e);
        }
        if (!embedded.getActiveMQServer().isActive()) {
            // Artemis logs the cause and stops rather than throwing; the journal lock is the usual one
            stopQuietly(embedded);
            throw new BrokerConfigException("the broker did not become active; if another broker uses "
                    + settings.dataDir() + ", stop it or set " + BrokerSettings.DATA_DIR + " to another directory");
        }
        if (!acceptorBound(embedded, BrokerConfiguration.ACCEPTOR_NAME)) {
            // lost a race for the port after the probe; Artemis itself starts without its acceptor
            stopQuietly(embedded);
            throw portTaken(settings.host(), settings.port(), BrokerSettings.PORT);
        }
        if (settings.tls().isPresent() && !acceptorBound(embedded, BrokerConfiguration.TLS_ACCEPTOR_NAME)) {
            stopQuietly(embedded);
            throw new BrokerConfigException("the TLS acceptor did not start: check that " + BrokerSettings.TLS_KEYSTORE
                    + " is a PKCS#12 key store and " + BrokerSettings.TLS_KEYSTORE_PASSWORD + " its password");
        }
        RevocationListener listener = new RevocationListener(embedded.getActiveMQServer(), revocations, settings.service());
        try {
            listener.start(BrokerConfiguration.IN_VM_URL);
            amqp.ifPresent(ResultQueueBroker::start);
        } catch (Exception e) {
            listener.stop();
            stopQuietly(embedded);
            throw e instanceof RuntimeException r ? r : new IllegalStateException("the broker did not start: " + e.getMessage(), e);
        }
        revocationListener = listener;
        server = embedded;
        LOG.info(() -> "broker listening on " + settings.url()
                + settings.tls().map(t -> " and with TLS on tcp://" + t.host() + ":" + t.port()).orElse("")
                + ", data in " + settings.dataDir());
    }

    /** Stops the broker; clients are disconnected and persistent messages stay in the journal. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        amqp.ifPresent(ResultQueueBroker::stop);
        revocationListener.stop();
        try {
            server.stop();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "broker did not stop cleanly", e);
        } finally {
            server = null;
        }
    }

    public synchronized boolean isStarted() {
        return server != null;
    }

    public BrokerSettings settings() {
        return settings;
    }

    /** The AMQP 0-9-1 listener's settings, when it runs. */
    public Optional<AmqpSettings> amqpSettings() {
        return amqp.map(ResultQueueBroker::settings);
    }

    /**
     * Artemis logs a stack trace and carries on without an acceptor whose port is taken, so a bind is
     * tried first to give the operator one clear line instead.
     */
    private void requirePortsFree() {
        requirePortFree(settings.host(), settings.port(), BrokerSettings.HOST, BrokerSettings.PORT);
        settings.tls().ifPresent(t -> requirePortFree(t.host(), t.port(), BrokerSettings.TLS_HOST, BrokerSettings.TLS_PORT));
    }

    private static void requirePortFree(String host, int port, String hostVariable, String portVariable) {
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new BrokerConfigException("cannot resolve host " + host + ": set " + hostVariable
                    + " to an address of this machine");
        }
        try (ServerSocket probe = new ServerSocket()) {
            // as Artemis binds: a port in TIME_WAIT after a restart is free
            probe.setReuseAddress(true);
            probe.bind(address);
        } catch (BindException e) {
            if (String.valueOf(e.getMessage()).contains("in use")) {
                throw portTaken(host, port, portVariable);
            }
            throw new BrokerConfigException("cannot listen on " + host + ":" + port + " (" + e.getMessage()
                    + "): set " + hostVariable + " to an address of this machine", e);
        } catch (IOException e) {
            throw new BrokerConfigException("cannot listen on " + host + ":" + port + " (" + e.getMessage()
                    + "): check " + hostVariable + " and " + portVariable, e);
        }
    }

    private static BrokerConfigException portTaken(String host, int port, String portVariable) {
        return new BrokerConfigException("port " + port + " on " + host + " is taken: set " + portVariable);
    }

    private static boolean acceptorBound(EmbeddedActiveMQ embedded, String name) {
        Acceptor acceptor = embedded.getActiveMQServer().getRemotingService().getAcceptor(name);
        return acceptor instanceof NettyAcceptor netty && netty.getActualPort() > 0;
    }

    private static void stopQuietly(EmbeddedActiveMQ embedded) {
        try {
            embedded.stop();
        } catch (Exception e) {
            LOG.log(Level.FINE, "stopping a broker that failed to start", e);
        }
    }
}
