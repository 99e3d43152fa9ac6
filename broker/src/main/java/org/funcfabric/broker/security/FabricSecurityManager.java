package org.funcfabric.broker.security;

import java.util.Optional;
import java.util.Set;

import javax.security.auth.Subject;

import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager5;
import org.apache.activemq.artemis.spi.core.security.jaas.RolePrincipal;
import org.apache.activemq.artemis.spi.core.security.jaas.UserPrincipal;
import org.apache.activemq.artemis.utils.SecurityManagerUtil;
import org.funcfabric.protocol.Destinations;
import org.funcfabric.protocol.EndpointCredentials;
import org.funcfabric.protocol.Secrets;

/**
 * Authenticates the service's credential and every endpoint's own credential, and binds an endpoint
 * to its own queues.
 *
 * <p>Roles decide what a kind of user may do on an address ({@link FabricSecurity#securitySettings()});
 * on top of them an endpoint user {@code ep.<id>.<generation>} may touch only {@code fabric.tasks.<id>}
 * and {@code fabric.commands.<id>} among the per-endpoint addresses. Endpoint credentials are checked
 * against the shared key ({@link EndpointCredentials}) and the {@link CredentialRevocations}, so the
 * broker needs neither a user table nor the service to be up.
 */
final class FabricSecurityManager implements ActiveMQSecurityManager5 {
    private final BrokerCredential service;
    private final EndpointCredentials endpoints;
    private final CredentialRevocations revocations;

    FabricSecurityManager(BrokerCredential service, EndpointCredentials endpoints, CredentialRevocations revocations) {
        this.service = service;
        this.endpoints = endpoints;
        this.revocations = revocations;
    }

    @Override
    public Subject authenticate(String user, String password, RemotingConnection connection, String securityDomain) {
        return role(user, password).map(role -> subject(user, role)).orElse(null);
    }

    @Override
    public boolean authorize(Subject subject, Set<Role> roles, CheckType checkType, String address) {
        if (!SecurityManagerUtil.authorize(subject, roles, checkType, RolePrincipal.class)) {
            return false;
        }
        return EndpointCredentials.endpointOf(getUserFromSubject(subject))
                .map(endpoint -> isOwnAddress(endpoint, address))
                .orElse(true);
    }

    @Override
    public boolean validateUser(String user, String password) {
        return role(user, password).isPresent();
    }

    @Override
    public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType) {
        return authorize(authenticate(user, password, null, null), roles, checkType, null);
    }

    private Optional<String> role(String user, String password) {
        if (user == null || password == null) {
            return Optional.empty();
        }
        if (user.equals(service.user()) && Secrets.matches(service.password(), password)) {
            return Optional.of(FabricSecurity.SERVICE_ROLE);
        }
        if (endpoints.verify(user, password) && !revocations.isRevoked(user)) {
            return Optional.of(FabricSecurity.ENDPOINT_ROLE);
        }
        return Optional.empty();
    }

    /**
     * Whether {@code address} (or a fully qualified {@code address::queue}) is one an endpoint may use:
     * any but another endpoint's task queue or command address. Which operations are allowed on it is
     * the roles' business.
     */
    static boolean isOwnAddress(String endpointId, String address) {
        if (address == null) {
            return false;
        }
        int queueSeparator = address.indexOf("::");
        String bare = queueSeparator < 0 ? address : address.substring(0, queueSeparator);
        if (bare.startsWith(Destinations.TASKS_PREFIX)) {
            return bare.equals(Destinations.taskQueue(endpointId));
        }
        if (bare.startsWith(Destinations.COMMANDS_PREFIX)) {
            return bare.equals(Destinations.commandTopic(endpointId));
        }
        return true;
    }

    private static Subject subject(String user, String role) {
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal(user));
        subject.getPrincipals().add(new RolePrincipal(role));
        return subject;
    }
}
