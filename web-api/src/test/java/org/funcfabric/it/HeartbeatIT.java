package org.funcfabric.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.inject.Inject;
import org.funcfabric.core.common.Caller;
import org.funcfabric.core.endpoint.Endpoint;
import org.funcfabric.core.endpoint.EndpointRegistry;
import org.funcfabric.it.client.Deployments;
import org.funcfabric.it.support.BrokerClient;
import org.funcfabric.it.support.FabricContainerTest;
import org.funcfabric.it.support.Poll;
import org.funcfabric.it.support.TestData;
import org.funcfabric.protocol.Destinations;
import org.funcfabric.protocol.HeartbeatMessage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** Endpoint liveness from connector heartbeats, through {@code fabric.heartbeats} and the HeartbeatListener MDB. */
@FabricContainerTest
class HeartbeatIT {
    @Inject
    EndpointRegistry endpoints;

    @Deployment
    static WebArchive deployment() {
        return Deployments.service();
    }

    @Test
    void onlineHeartbeatBringsTheEndpointOnlineAndOfflineOneTakesItOffline() {
        Caller user = TestData.newUser();
        String endpointId = endpoints.register(user, TestData.newEndpoint()).id();
        assertFalse(endpoints.isOnline(endpoints.usable(user, endpointId)), "online before any heartbeat");

        try (BrokerClient broker = BrokerClient.asService()) {
            long sentAt = System.currentTimeMillis();
            // another endpoint's credential, or the service's, cannot speak for this endpoint
            String otherEndpointId = endpoints.register(user, TestData.newEndpoint()).id();
            HeartbeatMessage forged = new HeartbeatMessage(HeartbeatMessage.VERSION, endpointId, HeartbeatMessage.ONLINE,
                    9, 9, sentAt - 1, -1);
            broker.sendAsEndpoint(otherEndpointId, Destinations.HEARTBEATS, forged);
            broker.send(Destinations.HEARTBEATS, forged);
            Poll.until(Destinations.HEARTBEATS + " empty", () -> broker.messageCount(Destinations.HEARTBEATS) == 0);
            assertFalse(endpoints.isOnline(endpoints.usable(user, endpointId)), "online from a forged heartbeat");

            broker.sendHeartbeat(new HeartbeatMessage(HeartbeatMessage.VERSION, endpointId, HeartbeatMessage.ONLINE, 2, 8, sentAt, -1));
            Endpoint online = Poll.until("endpoint " + endpointId + " online", () -> endpoints.usable(user, endpointId),
                    endpoints::isOnline);
            assertEquals(2, online.totalWorkers());
            assertEquals(8, online.totalSlots());

            broker.sendHeartbeat(new HeartbeatMessage(HeartbeatMessage.VERSION, endpointId, HeartbeatMessage.OFFLINE, 0, 0, sentAt + 1, -1));
            Poll.until("endpoint " + endpointId + " offline", () -> !endpoints.isOnline(endpoints.usable(user, endpointId)));
        }
    }
}
