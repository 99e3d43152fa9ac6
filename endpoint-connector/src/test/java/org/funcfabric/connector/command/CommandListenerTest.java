package org.funcfabric.connector.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.jms.JMSContext;

import org.funcfabric.connector.LogCapture;
import org.funcfabric.connector.TestBroker;
import org.funcfabric.connector.Wait;
import org.funcfabric.connector.registration.QueueInfo;
import org.funcfabric.protocol.CommandMessage;
import org.funcfabric.protocol.Destinations;
import org.funcfabric.protocol.EndpointCredentials;
import org.funcfabric.protocol.ProtocolJson;
import org.funcfabric.protocol.TrustedSender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Commands through a real embedded Artemis broker. */
class CommandListenerTest {
    private static final String ENDPOINT_ID = "3f2e1d0c-0000-4000-8000-000000000002";
    private static final String ENDPOINT_USER = EndpointCredentials.userFor(ENDPOINT_ID, 1);

    private TestBroker broker;
    private JMSContext service;
    private final AtomicInteger stops = new AtomicInteger();
    private CommandListener listener;

    @BeforeEach
    void listen() throws Exception {
        broker = TestBroker.start();
        service = broker.connect();
        listener = new CommandListener(new QueueInfo(broker.url(), Destinations.commandTopic(ENDPOINT_ID),
                ENDPOINT_USER, "endpoint-secret"), ENDPOINT_ID, new TrustedSender(Destinations.DEFAULT_SERVICE_USER),
                stops::incrementAndGet);
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

    @Test
    void aStopTheBrokerSaysAnotherUserSentIsIgnored() throws Exception {
        CommandMessage stop = new CommandMessage(CommandMessage.VERSION, CommandMessage.STOP, ENDPOINT_ID, List.of(), 1);
        String otherUser = EndpointCredentials.userFor("3f2e1d0c-0000-4000-8000-000000000003", 1);
        try (LogCapture log = LogCapture.of(CommandListener.class);
             JMSContext endpoint = broker.connect(ENDPOINT_USER); JMSContext other = broker.connect(otherUser)) {
            publish(endpoint, stop);
            publish(other, stop);
            Wait.until("both stops to be refused", Duration.ofSeconds(5), () -> log.messages().size() >= 2);
            assertEquals(List.of(
                    "command stop for endpoint " + ENDPOINT_ID + " sent by broker user " + ENDPOINT_USER + " ignored:"
                            + " commands are accepted only from the service's broker user fabric-service",
                    "command stop for endpoint " + ENDPOINT_ID + " sent by broker user " + otherUser + " ignored:"
                            + " commands are accepted only from the service's broker user fabric-service"), log.messages());
            assertEquals(0, stops.get(), "a stop from another broker user stopped the connector");
        }

        publish(stop);
        Wait.until("the service's stop", Duration.ofSeconds(5), () -> stops.get() > 0);
    }

    private void publish(CommandMessage command) {
        publish(service, command);
    }

    private static void publish(JMSContext sender, CommandMessage command) {
        sender.createProducer().send(sender.createTopic(Destinations.commandTopic(ENDPOINT_ID)),
                ProtocolJson.toJson(command));
    }
}
