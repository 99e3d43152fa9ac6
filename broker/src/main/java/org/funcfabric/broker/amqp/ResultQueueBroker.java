package org.funcfabric.broker.amqp;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.model.SystemConfig;
import org.apache.qpid.server.util.DataUrlUtils;
import org.funcfabric.broker.BrokerConfigException;
import org.funcfabric.broker.amqp.qpid.ResultQueueAccessControlProvider;
import org.funcfabric.broker.amqp.qpid.ResultUserAuthenticationProvider;
import org.funcfabric.broker.security.BrokerCredential;

/**
 * The AMQP 0-9-1 side of the broker process: an embedded Apache Qpid Broker-J with one port, one
 * in-memory virtual host and FuncFabric's two plugins (derived per-user passwords, queues confined by
 * prefix). It holds only the result queues of the Globus Compute SDK's {@code Executor}; the
 * database stays the record of every result, so an in-memory store loses nothing a client cannot
 * fetch again over REST after a broker restart. Same lifecycle shape as the Artemis broker.
 */
public final class ResultQueueBroker {
    private static final Logger LOG = Logger.getLogger(ResultQueueBroker.class.getName());
    static final String AUTH_PROVIDER = "fabric-users";

    private final AmqpSettings settings;
    private final BrokerCredential service;
    private SystemLauncher launcher;

    /**
     * @param service the credential of the service, which declares queues and publishes results
     */
    public ResultQueueBroker(AmqpSettings settings, BrokerCredential service) {
        this.settings = settings;
        this.service = service;
    }

    /**
     * Starts Qpid and returns once the AMQP port accepts connections.
     *
     * @throws BrokerConfigException when the port is taken
     */
    public synchronized void start() {
        if (launcher != null) {
            return;
        }
        requirePortFree();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        SystemLauncher qpid = new SystemLauncher(new SystemLauncherListener.DefaultSystemLauncherListener() {
            @Override
            public void errorOnStartup(RuntimeException e) {
                failure.set(e);
            }
        });
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put(SystemConfig.TYPE, "Memory");
        attributes.put(SystemConfig.INITIAL_CONFIGURATION_LOCATION,
                DataUrlUtils.getDataUrlForBytes(initialConfiguration().getBytes(StandardCharsets.UTF_8)));
        attributes.put(SystemConfig.STARTUP_LOGGED_TO_SYSTEM_OUT, false);
        try {
            qpid.startup(attributes);
        } catch (Exception e) {
            failure.compareAndSet(null, new IllegalStateException(e.getMessage(), e));
        }
        if (failure.get() != null) {
            qpid.shutdown();
            throw new IllegalStateException("the AMQP listener did not start: " + failure.get().getMessage(), failure.get());
        }
        launcher = qpid;
        LOG.info(() -> "AMQP 0-9-1 result queues listening on " + settings.url());
    }

    public synchronized void stop() {
        if (launcher == null) {
            return;
        }
        try {
            launcher.shutdown();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the AMQP listener did not stop cleanly", e);
        } finally {
            launcher = null;
        }
    }

    public synchronized boolean isStarted() {
        return launcher != null;
    }

    public AmqpSettings settings() {
        return settings;
    }

    /** Qpid's broker configuration, built here rather than read from a file: it holds the secrets. */
    String initialConfiguration() {
        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("name", AUTH_PROVIDER);
        auth.put("type", ResultUserAuthenticationProvider.TYPE);
        auth.put("secret", settings.secret());
        auth.put("serviceUser", service.user());
        auth.put("servicePassword", service.password());
        // PLAIN without TLS, as the SDK's amqp:// URL implies: the listener binds to loopback by default
        auth.put("secureOnlyMechanisms", List.of());

        Map<String, Object> port = new LinkedHashMap<>();
        port.put("name", "amqp");
        port.put("type", "AMQP");
        port.put("port", settings.port());
        port.put("bindingAddress", settings.host());
        port.put("protocols", List.of("AMQP_0_8", "AMQP_0_9", "AMQP_0_9_1"));
        port.put("authenticationProvider", AUTH_PROVIDER);
        port.put("virtualhostaliases", List.of(Map.of("name", "nameAlias", "type", "nameAlias")));

        Map<String, Object> node = new LinkedHashMap<>();
        node.put("name", settings.virtualHost());
        node.put("type", "Memory");
        node.put("defaultVirtualHostNode", "true");
        node.put("virtualHostInitialConfiguration", "{\"type\": \"Memory\"}");

        Map<String, Object> broker = new LinkedHashMap<>();
        broker.put("name", "funcfabric-amqp");
        broker.put("modelVersion", "9.1");
        broker.put("preferenceStoreAttributes", Map.of("type", "Noop"));
        // a port that cannot bind fails the start instead of leaving a broker without its listener
        broker.put("context", Map.of("broker.failStartupWithErroredChild", "true"));
        broker.put("authenticationproviders", List.of(auth));
        broker.put("accesscontrolproviders", List.of(Map.of(
                "name", "fabric-result-queues",
                "type", ResultQueueAccessControlProvider.TYPE,
                "serviceUser", service.user())));
        broker.put("ports", List.of(port));
        broker.put("virtualhostnodes", List.of(node));
        try {
            return new ObjectMapper().writeValueAsString(broker);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void requirePortFree() {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(settings.host(), settings.port()));
        } catch (BindException e) {
            throw new BrokerConfigException("cannot listen on " + settings.url() + " (" + e.getMessage()
                    + "): set " + AmqpSettings.PORT + " or " + AmqpSettings.HOST, e);
        } catch (IOException e) {
            throw new BrokerConfigException("cannot listen on " + settings.url() + " (" + e.getMessage()
                    + "): check " + AmqpSettings.HOST + " and " + AmqpSettings.PORT, e);
        }
    }
}
