package org.funcfabric.connector.heartbeat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;

import org.funcfabric.connector.TestBroker;
import org.funcfabric.connector.registration.QueueInfo;
import org.funcfabric.protocol.Destinations;
import org.funcfabric.protocol.HeartbeatMessage;
import org.funcfabric.protocol.ProtocolJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Heartbeats through a real embedded Artemis broker. */
class HeartbeatPublisherTest {
    private static final String ENDPOINT_ID = "3f2e1d0c-0000-4000-8000-000000000001";
    private static final long RECEIVE_TIMEOUT_MS = 5_000;

    private TestBroker broker;
    private JMSContext service;
    private JMSConsumer heartbeats;

    @BeforeEach
    void startBroker() throws Exception {
        broker = TestBroker.start();
        service = broker.connect();
        heartbeats = service.createConsumer(service.createQueue(Destinations.HEARTBEATS));
    }

    @AfterEach
    void stopBroker() throws Exception {
        service.close();
        broker.close();
    }

    @Test
    void onlineWithTheTaskQueueDepthAtStartAndEveryPeriodThenOfflineOnStop() throws Exception {
        AtomicInteger liveWorkers = new AtomicInteger(3);
        String taskQueue = Destinations.taskQueue(ENDPOINT_ID);
        service.createProducer().send(service.createQueue(taskQueue), "task 1");
        service.createProducer().send(service.createQueue(taskQueue), "task 2");
        HeartbeatPublisher publisher = new HeartbeatPublisher(
                new QueueInfo(broker.url(), Destinations.HEARTBEATS, "ep.heartbeat-test.1", "secret"), ENDPOINT_ID,
                Duration.ofSeconds(1), liveWorkers::get, 2, taskQueue);
        publisher.start();
        assertTrue(publisher.isStarted());

        HeartbeatMessage first = next();
        assertEquals(new HeartbeatMessage(HeartbeatMessage.VERSION, ENDPOINT_ID, HeartbeatMessage.ONLINE, 3, 6,
                first.sentAt(), 2), first);
        assertTrue(Math.abs(System.currentTimeMillis() - first.sentAt()) < 60_000);

        liveWorkers.set(1);
        HeartbeatMessage periodic = next();
        assertEquals(HeartbeatMessage.ONLINE, periodic.state());
        assertEquals(2, periodic.totalSlots());

        liveWorkers.set(0);
        publisher.stop();
        assertFalse(publisher.isStarted());
        HeartbeatMessage last = next();
        while (!last.state().equals(HeartbeatMessage.OFFLINE)) {
            last = next(); // a beat may have been in flight when stop began
        }
        assertEquals(0, last.totalWorkers());
        assertEquals(null, heartbeats.receive(1_500), "heartbeats after the offline one");
    }

    private HeartbeatMessage next() throws Exception {
        Message message = heartbeats.receive(RECEIVE_TIMEOUT_MS);
        assertNotNull(message, "no heartbeat within " + RECEIVE_TIMEOUT_MS + " ms");
        assertEquals(DeliveryMode.PERSISTENT, message.getJMSDeliveryMode());
        return ProtocolJson.fromJson(message.getBody(String.class), HeartbeatMessage.class);
    }
}
