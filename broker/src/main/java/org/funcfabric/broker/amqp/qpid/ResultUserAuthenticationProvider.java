package org.funcfabric.broker.amqp.qpid;

import org.apache.qpid.server.model.ManagedAttribute;
import org.apache.qpid.server.model.ManagedObject;
import org.apache.qpid.server.security.auth.manager.UsernamePasswordAuthenticationProvider;

/**
 * Qpid authentication provider type {@value #TYPE}: accepts the service's own credential and every
 * result-queue user whose password is the one derived from the secret
 * ({@link org.funcfabric.protocol.ResultQueueCredentials}). SASL PLAIN only, as pika uses.
 */
@ManagedObject(category = false, type = ResultUserAuthenticationProvider.TYPE)
public interface ResultUserAuthenticationProvider<X extends ResultUserAuthenticationProvider<X>>
        extends UsernamePasswordAuthenticationProvider<X> {
    String TYPE = "FabricResultUsers";

    @ManagedAttribute(secure = true, mandatory = true, description = "key of the derived passwords")
    String getSecret();

    @ManagedAttribute(mandatory = true, description = "the service's user, which may do everything")
    String getServiceUser();

    @ManagedAttribute(secure = true, mandatory = true)
    String getServicePassword();
}
