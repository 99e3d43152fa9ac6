package org.funcfabric.broker.amqp.qpid;

import java.util.Map;
import java.util.Optional;

import javax.security.auth.Subject;

import org.apache.qpid.server.model.Connection;
import org.apache.qpid.server.model.ConfiguredObject;
import org.apache.qpid.server.model.Consumer;
import org.apache.qpid.server.model.PermissionedObject;
import org.apache.qpid.server.model.Queue;
import org.apache.qpid.server.model.Session;
import org.apache.qpid.server.model.VirtualHost;
import org.apache.qpid.server.security.AccessControl;
import org.apache.qpid.server.security.Result;
import org.apache.qpid.server.security.SecurityToken;
import org.apache.qpid.server.security.access.Operation;
import org.apache.qpid.server.security.access.OperationType;
import org.apache.qpid.server.security.auth.AuthenticatedPrincipal;
import org.funcfabric.protocol.ResultQueueCredentials;

/**
 * The rules, as an allow list. A result-queue user may: connect to the virtual host; open its own
 * connection's sessions; look at, and start a consumer on, a queue whose name starts with its prefix.
 * Broker-internal work runs as Qpid's system subject, which the broker allows before asking providers.
 */
final class ResultQueueAccessControl implements AccessControl<SecurityToken> {
    private static final Operation CONNECT = Operation.PERFORM_ACTION("connect");

    private final String serviceUser;

    ResultQueueAccessControl(String serviceUser) {
        this.serviceUser = serviceUser;
    }

    @Override
    public Result getDefault() {
        return Result.DENIED;
    }

    @Override
    public SecurityToken newToken() {
        return null;
    }

    @Override
    public SecurityToken newToken(Subject subject) {
        return null;
    }

    @Override
    public Result authorise(SecurityToken token, Operation operation, PermissionedObject object) {
        return authorise(token, operation, object, Map.of());
    }

    @Override
    public Result authorise(SecurityToken token, Operation operation, PermissionedObject object,
                            Map<String, Object> arguments) {
        AuthenticatedPrincipal user = AuthenticatedPrincipal.getCurrentUser();
        if (user == null) {
            return Result.DEFER;
        }
        return decide(user.getName(), operation, object);
    }

    /** The decision for a named user; package-visible for tests. */
    Result decide(String user, Operation operation, PermissionedObject object) {
        if (serviceUser.equals(user)) {
            return Result.ALLOWED;
        }
        Optional<String> prefix = ResultQueueCredentials.queuePrefixOf(user);
        if (prefix.isEmpty()) {
            return Result.DENIED;
        }
        Class<?> category = object.getCategoryClass();
        if (category == VirtualHost.class) {
            return CONNECT.equals(operation) ? Result.ALLOWED : Result.DENIED;
        }
        if (category == Connection.class || category == Session.class) {
            return Result.ALLOWED;
        }
        if (category == Consumer.class) {
            // the default exchange and other destinations are not configured objects: never a consumer's
            return object instanceof ConfiguredObject<?> consumer && ownQueue(consumer.getParent(), prefix.get())
                    ? Result.ALLOWED : Result.DENIED;
        }
        if (category == Queue.class) {
            boolean look = operation.getType() == OperationType.READ || operation.getType() == OperationType.DISCOVER;
            return look && ownQueue(object, prefix.get()) ? Result.ALLOWED : Result.DENIED;
        }
        return Result.DENIED;
    }

    private static boolean ownQueue(PermissionedObject queue, String prefix) {
        return queue != null && queue.getCategoryClass() == Queue.class
                && queue.getName() != null && queue.getName().startsWith(prefix);
    }
}
