package org.funcfabric.connector.registration;

import jakarta.json.bind.annotation.JsonbProperty;
import org.funcfabric.protocol.Destinations;
import org.funcfabric.protocol.TrustedSender;

/**
 * The service's answer to a registration: the endpoint id and where its queues are. Fields the
 * connector does not know are ignored, so the service may add more.
 *
 * @param endpointId         the endpoint's UUID
 * @param taskQueueInfo      {@code fabric.tasks.<id>}, consumed by the workers
 * @param resultQueueInfo    {@code fabric.results}, where workers send results
 * @param heartbeatQueueInfo {@code fabric.heartbeats}, where the connector reports
 * @param commandQueueInfo   {@code fabric.commands.<id>}, commands to the connector
 * @param serviceBrokerUser  the broker user the service sends tasks and commands as; a service that does
 *                           not name it uses the default one
 */
public record EndpointRegistration(@JsonbProperty("endpoint_id") String endpointId,
                                   @JsonbProperty("task_queue_info") QueueInfo taskQueueInfo,
                                   @JsonbProperty("result_queue_info") QueueInfo resultQueueInfo,
                                   @JsonbProperty("heartbeat_queue_info") QueueInfo heartbeatQueueInfo,
                                   @JsonbProperty("command_queue_info") QueueInfo commandQueueInfo,
                                   @JsonbProperty("service_broker_user") String serviceBrokerUser) {

    /** Whose tasks and commands this endpoint acts on. */
    public TrustedSender trustedSender() {
        return new TrustedSender(serviceBrokerUser == null || serviceBrokerUser.isBlank()
                ? Destinations.DEFAULT_SERVICE_USER : serviceBrokerUser);
    }
}
