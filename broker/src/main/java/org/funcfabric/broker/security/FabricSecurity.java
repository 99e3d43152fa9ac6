package org.funcfabric.broker.security;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager5;
import org.funcfabric.protocol.Destinations;
import org.funcfabric.protocol.EndpointCredentials;

/**
 * FuncFabric's broker security: the users the broker knows and what each role may do where.
 *
 * <p>Two roles exist. {@value #SERVICE_ROLE} is the service's own credential and may do
 * everything, the dead-letter address {@code DLQ} included, where it fails the tasks the broker gave
 * up on. {@value #ENDPOINT_ROLE} is the role of every endpoint's own credential, which the service hands
 * to that endpoint's connector and workers: it may consume (and auto-create) its queue under
 * {@code fabric.tasks.}, subscribe (non-durably) to its multicast address under {@code fabric.commands.}
 * ({@link FabricSecurityManager} binds the credential to its own endpoint's), and send to {@code fabric.results} and
 * {@code fabric.heartbeats}; nothing else, so a compromised endpoint can neither read other endpoints'
 * results nor inject tasks (which is why a retry's next attempt is dispatched by the service). Those two shared queues are
 * created by the broker at start, which is why the endpoint role needs no create permission there.
 *
 * <p>Artemis applies only the most specific matching security setting, never a merge, so each match
 * lists the service role again. {@code fabric.credentials}, where the service revokes endpoint
 * credentials, falls under {@code #}: the service's alone.
 */
public final class FabricSecurity {
    public static final String SERVICE_ROLE = "service";
    public static final String ENDPOINT_ROLE = "endpoint";

    private static final Set<Permission> QUEUE_CONSUMER =
            EnumSet.of(Permission.CONSUME, Permission.CREATE_ADDRESS, Permission.CREATE_DURABLE_QUEUE);
    /**
     * A non-durable topic subscription is a temporary queue its subscriber creates and deletes: that is
     * how the connector and the workers hear their endpoint's commands.
     */
    private static final Set<Permission> SUBSCRIBER = EnumSet.of(Permission.CONSUME, Permission.CREATE_ADDRESS,
            Permission.CREATE_NON_DURABLE_QUEUE, Permission.DELETE_NON_DURABLE_QUEUE);
    private static final Set<Permission> SENDER = EnumSet.of(Permission.SEND);

    private FabricSecurity() {
    }

    /** Roles per address match, in the form {@code Configuration.setSecurityRoles} takes. */
    public static Map<String, Set<Role>> securitySettings() {
        Role service = Permission.allOf(SERVICE_ROLE);
        Role endpointConsumer = Permission.role(ENDPOINT_ROLE, QUEUE_CONSUMER);
        Role endpointSender = Permission.role(ENDPOINT_ROLE, SENDER);

        Map<String, Set<Role>> settings = new LinkedHashMap<>();
        settings.put("#", Set.of(service));
        settings.put(Destinations.TASKS_PREFIX + "#", Set.of(service, endpointConsumer));
        settings.put(Destinations.COMMANDS_PREFIX + "#", Set.of(service, Permission.role(ENDPOINT_ROLE, SUBSCRIBER)));
        settings.put(Destinations.RESULTS, Set.of(service, endpointSender));
        settings.put(Destinations.HEARTBEATS, Set.of(service, endpointSender));
        return settings;
    }

    /**
     * The broker's security manager: the service's credential, and each endpoint's credential derived
     * from {@code endpointKey} unless {@code revocations} revoked it.
     */
    public static ActiveMQSecurityManager5 securityManager(BrokerCredential service, String endpointKey,
                                                           CredentialRevocations revocations) {
        return new FabricSecurityManager(service, new EndpointCredentials(endpointKey), revocations);
    }
}
