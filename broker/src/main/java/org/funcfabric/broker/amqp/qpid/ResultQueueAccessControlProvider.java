package org.funcfabric.broker.amqp.qpid;

import org.apache.qpid.server.model.AccessControlProvider;
import org.apache.qpid.server.model.ManagedAttribute;
import org.apache.qpid.server.model.ManagedObject;

/**
 * Qpid access control provider type {@value #TYPE}: the service user may do everything; a
 * result-queue user may connect and consume from the queues under its own prefix, nothing else
 * (no declare, delete, bind, publish or purge); anyone else is denied. See {@link ResultQueueAccessControl}.
 */
@ManagedObject(category = false, type = ResultQueueAccessControlProvider.TYPE)
public interface ResultQueueAccessControlProvider<X extends ResultQueueAccessControlProvider<X>>
        extends AccessControlProvider<X> {
    String TYPE = "FabricResultQueues";

    @ManagedAttribute(mandatory = true, description = "the service's user, which may do everything")
    String getServiceUser();
}
