package org.funcfabric.api.task;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.funcfabric.api.Roles;
import org.funcfabric.api.security.CurrentCaller;
import org.funcfabric.bridge.amqp.AmqpResultQueues;
import org.funcfabric.bridge.amqp.ResultQueueAccess;

/**
 * {@code GET /v2/get_amqp_result_connection_url}: where the Globus Compute SDK's {@code Executor}
 * reads results, {@code {"queue_prefix","connection_url"}}, with a credential that can read only the
 * caller's queues. 503 when the service runs without AMQP result queues.
 */
@Path("v2/get_amqp_result_connection_url")
@RequestScoped
@RolesAllowed(Roles.USER)
@Produces(MediaType.APPLICATION_JSON)
public class ResultQueueResource {
    @Inject
    private AmqpResultQueues queues;

    @Inject
    private CurrentCaller caller;

    @GET
    public ResultQueueAccess get() {
        return queues.accessFor(caller.get().subject());
    }
}
