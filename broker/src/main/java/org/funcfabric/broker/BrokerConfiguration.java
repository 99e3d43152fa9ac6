package org.funcfabric.broker;

import java.util.concurrent.TimeUnit;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.funcfabric.broker.security.FabricSecurity;
import org.funcfabric.protocol.Destinations;

/**
 * The project's broker configuration, the one place that says how the broker behaves.
 *
 * <ul>
 * <li>One CORE acceptor on the configured host and port, and a second one with TLS when configured;
 *     no cluster connections, broadcast or discovery groups, and JMX off, so the broker opens no other
 *     port and calls nowhere.</li>
 * <li>A persistent NIO journal under the data directory (NIO, not AIO: it works on every file system
 *     and needs no native library), syncing at most {@link BrokerSettings#journalBufferTimeoutMicros()}
 *     after a write instead of Artemis's 3.3 ms.</li>
 * <li>Every {@code fabric.#} address and queue is created on first use, anycast by default, and is
 *     kept when idle: a task queue is one per endpoint and must outlive its consumers.</li>
 * <li>A message delivered {@value #MAX_DELIVERY_ATTEMPTS} times without acknowledgement goes to
 *     {@value #DEAD_LETTER_ADDRESS}; expired ones go to {@value #EXPIRY_ADDRESS}. Both get one queue
 *     per original queue, created on demand. The worker's ack-after-result and the service's
 *     {@code max_retries} rely on this limit being higher than any retry budget. Results handed back
 *     by the service come again after a growing delay (0.2 s to 5 s), not at once.</li>
 * <li>{@code fabric.results} and {@code fabric.heartbeats} exist from the start, so endpoints only
 *     need permission to send there, not to create; so does {@code fabric.credentials}, read by the
 *     broker's own {@link org.funcfabric.broker.security.RevocationListener} through an in-VM acceptor.</li>
 * <li>Every message carries its sender's validated user name ({@code _AMQ_VALIDATED_USER}, JMS
 *     {@code JMSXUserID}): the service accepts a result or heartbeat only from the endpoint it is for.</li>
 * <li>{@code fabric.events} is multicast, by default too: the resource adapter subscribes an MDB to a
 *     topic with a queue that names no routing type, which would otherwise be anycast and make the
 *     address refuse the topic's messages. A broker that is not this one needs the same setting.</li>
 * <li>{@code fabric.commands.#} is multicast by default for the same reason: every worker and the
 *     connector of an endpoint hold a non-durable topic subscription on its command address, and the
 *     service's first cancel may create the address before any of them subscribed.</li>
 * </ul>
 * Security (users, roles, permissions) is in {@link FabricSecurity}. Artemis's built-in cluster user
 * bypasses it, so its password is {@link BrokerSettings#clusterPassword()}, never Artemis's default.
 */
public final class BrokerConfiguration {
    public static final String ACCEPTOR_NAME = "fabric";
    /** The optional TLS acceptor for remote endpoints ({@link BrokerSettings.TlsAcceptor}). */
    public static final String TLS_ACCEPTOR_NAME = "fabric-tls";
    /** The broker's own clients in its process (the revocation listener) connect here; no socket. */
    public static final String IN_VM_URL = "vm://0";
    public static final String DEAD_LETTER_ADDRESS = "DLQ";
    public static final String EXPIRY_ADDRESS = "ExpiryQueue";
    public static final int MAX_DELIVERY_ATTEMPTS = 10;
    static final long RESULT_REDELIVERY_DELAY_MS = 200;
    static final long RESULT_MAX_REDELIVERY_DELAY_MS = 5_000;
    /** A second broker on the same data directory fails after this instead of waiting forever. */
    static final long JOURNAL_LOCK_TIMEOUT_MS = 2_000;

    private BrokerConfiguration() {
    }

    /** The broker configuration for these settings; security roles included, users not. */
    public static Configuration create(BrokerSettings settings) {
        ConfigurationImpl config = new ConfigurationImpl();
        config.setName("funcfabric");
        config.setPersistenceEnabled(true);
        config.setJournalType(JournalType.NIO);
        config.setJournalBufferTimeout_NIO((int) TimeUnit.MICROSECONDS.toNanos(settings.journalBufferTimeoutMicros()));
        config.setJournalDirectory(settings.dataDir().resolve("journal").toString());
        config.setBindingsDirectory(settings.dataDir().resolve("bindings").toString());
        config.setPagingDirectory(settings.dataDir().resolve("paging").toString());
        config.setLargeMessagesDirectory(settings.dataDir().resolve("large-messages").toString());
        config.setJournalLockAcquisitionTimeout(JOURNAL_LOCK_TIMEOUT_MS);
        config.setJMXManagementEnabled(false);
        config.setSecurityEnabled(true);
        config.setSecurityRoles(FabricSecurity.securitySettings());
        // Artemis lets its cluster user do everything before asking the security manager; its default
        // password is public, so without this anyone could read and send anywhere
        config.setClusterPassword(settings.clusterPassword());
        // no cached logins: a revoked endpoint credential is refused from the next connection on
        config.setAuthenticationCacheSize(0);
        // stamps the sender's user on each message, so the service knows which endpoint sent a result
        config.setPopulateValidatedUser(true);
        try {
            config.addAcceptorConfiguration(ACCEPTOR_NAME, settings.url() + "?protocols=CORE");
            config.addAcceptorConfiguration("in-vm", IN_VM_URL);
            if (settings.tls().isPresent()) {
                config.addAcceptorConfiguration(TLS_ACCEPTOR_NAME, settings.tls().get().acceptorUrl());
            }
        } catch (Exception e) {
            throw new BrokerConfigException("cannot listen on " + settings.url() + " (" + e.getMessage()
                    + "): check " + BrokerSettings.HOST + " and " + BrokerSettings.PORT, e);
        }
        config.addAddressSetting("fabric.#", fabricAddressSettings());
        // merged over the fabric.# settings, of which it changes only the routing types
        config.addAddressSetting(Destinations.EVENTS, multicast());
        config.addAddressSetting(Destinations.COMMANDS_PREFIX + "#", multicast());
        config.addAddressSetting(Destinations.RESULTS, resultRedelivery());
        config.addAddressConfiguration(sharedQueue(Destinations.RESULTS));
        config.addAddressConfiguration(sharedQueue(Destinations.HEARTBEATS));
        config.addAddressConfiguration(sharedQueue(Destinations.CREDENTIALS));
        return config;
    }

    /**
     * A result handed back by the service (its task's row not visible yet: the worker answered before
     * the submitting transaction ended) comes again after 0.2 s, then twice as late each time up to
     * 5 s: the delivery limit spans about half a minute instead of a few milliseconds.
     */
    private static AddressSettings resultRedelivery() {
        return new AddressSettings()
                .setRedeliveryDelay(RESULT_REDELIVERY_DELAY_MS)
                .setRedeliveryMultiplier(2.0)
                .setMaxRedeliveryDelay(RESULT_MAX_REDELIVERY_DELAY_MS);
    }

    private static AddressSettings multicast() {
        return new AddressSettings()
                .setDefaultAddressRoutingType(RoutingType.MULTICAST)
                .setDefaultQueueRoutingType(RoutingType.MULTICAST);
    }

    private static AddressSettings fabricAddressSettings() {
        return new AddressSettings()
                .setAutoCreateAddresses(true)
                .setAutoCreateQueues(true)
                .setAutoDeleteAddresses(false)
                .setAutoDeleteQueues(false)
                .setDefaultAddressRoutingType(RoutingType.ANYCAST)
                .setDefaultQueueRoutingType(RoutingType.ANYCAST)
                .setMaxDeliveryAttempts(MAX_DELIVERY_ATTEMPTS)
                .setDeadLetterAddress(SimpleString.of(DEAD_LETTER_ADDRESS))
                .setAutoCreateDeadLetterResources(true)
                .setExpiryAddress(SimpleString.of(EXPIRY_ADDRESS))
                .setAutoCreateExpiryResources(true);
    }

    private static CoreAddressConfiguration sharedQueue(String name) {
        return new CoreAddressConfiguration()
                .setName(name)
                .addRoutingType(RoutingType.ANYCAST)
                .addQueueConfiguration(QueueConfiguration.of(name).setRoutingType(RoutingType.ANYCAST));
    }
}
