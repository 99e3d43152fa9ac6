package org.funcfabric.connector.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.jms.JMSContext;

import org.funcfabric.connector.TestBroker;
import org.funcfabric.connector.Wait;
import org.funcfabric.connector.registration.QueueInfo;
import org.funcfabric.protocol.CommandMessage;
import org.funcfabric.protocol.Destinations;
import org.funcfabric.protocol.ProtocolJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Commands through a real embedded Artemis broker. */
class CommandListenerTest {
    private static final String ENDPOINT_ID = "3f2e1d0c-0000-4000-8000-000000000002";

    private TestBroker broker;
    private JMSContext service;
    private final AtomicInteger stops = new AtomicInteger();
    private CommandListener listener;

    @BeforeEach
    void listen() throws Exception {
        broker = TestBroker.start();
        service = broker.connect();
        listener = new CommandListener(new QueueInfo(broker.url(), Destinations.commandTopic(ENDPOINT_ID), null, null),
                ENDPOINT_ID, stops::incrementAndGet);
        listener.start();
    }

    @AfterEach
    void stopBroker() throws Exception {
        listener.stop();
        service.close();
        broker.close();
    }

    @Test
    void stopRunsTheStopActionOnceAndCancelsAreLeftToTheWorkers() throws Exception {
        assertTrue(listener.isStarted());
        publish(new CommandMessage(CommandMessage.VERSION, CommandMessage.CANCEL, ENDPOINT_ID, List.of("t1"), 1));
        publish(new CommandMessage(CommandMessage.VERSION, CommandMessage.STOP, "another-endpoint", List.of(), 2));
        publish(new CommandMessage(CommandMessage.VERSION, CommandMessage.STOP, ENDPOINT_ID, List.of(), 3));
        publish(new CommandMessage(CommandMessage.VERSION, CommandMessage.STOP, ENDPOINT_ID, List.of(), 4));

        Wait.until("the stop action", Duration.ofSeconds(5), () -> stops.get() > 0);
        assertEquals(1, stops.get(), "neither the other endpoint's stop nor a repeated one runs it again");

        listener.stop();
        assertFalse(listener.isStarted());
    }

    private void publish(CommandMessage command) {
        service.createProducer().send(service.createTopic(Destinations.commandTopic(ENDPOINT_ID)),
                ProtocolJson.toJson(command));
    }
}
