package org.funcfabric.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.Topic;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientConsumer;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.funcfabric.broker.security.BrokerCredential;
import org.funcfabric.protocol.CredentialRevocation;
import org.funcfabric.protocol.Destinations;
import org.funcfabric.protocol.EndpointCredentials;
import org.funcfabric.protocol.ProtocolJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FabricBrokerTest {
    private static final long RECEIVE_TIMEOUT_MS = 5_000;

    @TempDir
    Path dataDir;

    private BrokerSettings settings;
    private FabricBroker broker;
    private final String endpointId = UUID.randomUUID().toString();
    private final String taskQueue = Destinations.taskQueue(endpointId);
    private final BrokerCredential endpointCredential = TestBrokers.endpoint(endpointId, 1);

    @BeforeEach
    void startBroker() {
        settings = TestBrokers.settings(dataDir);
        broker = new FabricBroker(settings);
        broker.start();
    }

    @AfterEach
    void stopBroker() {
        broker.stop();
    }

    @Test
    void serviceSendsAndReceivesAnywhere() {
        try (JMSContext service = connect(TestBrokers.SERVICE)) {
            for (String queue : new String[] {taskQueue, Destinations.RESULTS, Destinations.HEARTBEATS, "other.queue"}) {
                assertEquals("to " + queue, roundTrip(service, service, queue, "to " + queue));
            }
        }
    }

    @Test
    void endpointConsumesTasksAndSendsResultsAndHeartbeats() {
        try (JMSContext service = connect(TestBrokers.SERVICE);
             JMSContext endpoint = connect(endpointCredential)) {
            // the endpoint's consumer comes first and so creates the queue, as a worker does
            try (JMSConsumer tasks = endpoint.createConsumer(endpoint.createQueue(taskQueue))) {
                service.createProducer().send(service.createQueue(taskQueue), "task");
                assertEquals("task", tasks.receiveBody(String.class, RECEIVE_TIMEOUT_MS));
            }
            assertEquals("result", roundTrip(endpoint, service, Destinations.RESULTS, "result"));
            assertEquals("heartbeat", roundTrip(endpoint, service, Destinations.HEARTBEATS, "heartbeat"));
        }
    }

    @Test
    void endpointCannotConsumeResults() {
        try (JMSContext endpoint = connect(endpointCredential)) {
            Queue results = endpoint.createQueue(Destinations.RESULTS);
            assertThrows(JMSSecurityRuntimeException.class, () -> endpoint.createConsumer(results));
        }
    }

    @Test
    void endpointCannotSendTasks() {
        try (JMSContext service = connect(TestBrokers.SERVICE);
             JMSContext endpoint = connect(endpointCredential)) {
            service.createConsumer(service.createQueue(taskQueue)).close();
            Queue tasks = endpoint.createQueue(taskQueue);
            assertThrows(JMSSecurityRuntimeException.class, () -> endpoint.createProducer().send(tasks, "forged"));
        }
    }

    @Test
    void endpointCannotConsumeAnotherEndpointsTasks() {
        String othersTasks = Destinations.taskQueue(UUID.randomUUID().toString());
        try (JMSContext service = connect(TestBrokers.SERVICE);
             JMSContext endpoint = connect(endpointCredential)) {
            service.createProducer().send(service.createQueue(othersTasks), "not yours");
            Queue others = endpoint.createQueue(othersTasks);
            assertThrows(JMSSecurityRuntimeException.class, () -> endpoint.createConsumer(others));
        }
    }

    @Test
    void endpointHearsOnlyItsOwnCommands() {
        try (JMSContext service = connect(TestBrokers.SERVICE);
             JMSContext endpoint = connect(endpointCredential)) {
            Topic others = endpoint.createTopic(Destinations.commandTopic(UUID.randomUUID().toString()));
            assertThrows(JMSSecurityRuntimeException.class, () -> endpoint.createConsumer(others));
            try (JMSConsumer own = endpoint.createConsumer(endpoint.createTopic(Destinations.commandTopic(endpointId)))) {
                service.createProducer().send(service.createTopic(Destinations.commandTopic(endpointId)), "stop");
                assertEquals("stop", own.receiveBody(String.class, RECEIVE_TIMEOUT_MS));
            }
        }
    }

    @Test
    void endpointCannotRevokeCredentials() {
        try (JMSContext endpoint = connect(endpointCredential)) {
            Queue credentials = endpoint.createQueue(Destinations.CREDENTIALS);
            assertThrows(JMSSecurityRuntimeException.class, () -> endpoint.createProducer().send(credentials, "{}"));
        }
    }

    @Test
    void credentialForgedWithAnotherKeyIsRefused() {
        String user = EndpointCredentials.userFor(endpointId, 1);
        BrokerCredential forged = new BrokerCredential(user, new EndpointCredentials("guessed").passwordFor(user));
        assertThrows(JMSSecurityRuntimeException.class, () -> connect(forged).close());
    }

    @Test
    void resultsCarryTheValidatedSender() throws Exception {
        try (JMSContext service = connect(TestBrokers.SERVICE);
             JMSContext endpoint = connect(endpointCredential);
             JMSConsumer results = service.createConsumer(service.createQueue(Destinations.RESULTS))) {
            endpoint.createProducer().setProperty("JMSXUserID", "ep.forged.1")
                    .send(endpoint.createQueue(Destinations.RESULTS), "result");
            Message message = results.receive(RECEIVE_TIMEOUT_MS);
            assertEquals(endpointCredential.user(), message.getStringProperty("_AMQ_VALIDATED_USER"));
        }
    }

    @Test
    void revocationClosesConnectionsRefusesTheOldGenerationAndSurvivesRestart() throws Exception {
        JMSContext connected = connect(endpointCredential);
        CountDownLatch closed = new CountDownLatch(1);
        connected.setExceptionListener(e -> closed.countDown());
        try (JMSContext service = connect(TestBrokers.SERVICE)) {
            service.createProducer().send(service.createQueue(Destinations.CREDENTIALS),
                    ProtocolJson.toJson(new CredentialRevocation(CredentialRevocation.VERSION, endpointId, 2,
                            System.currentTimeMillis())));
        }
        assertTrue(closed.await(RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS),
                "the revoked credential's connection is closed");
        connected.close();
        assertThrows(JMSSecurityRuntimeException.class, () -> connect(endpointCredential).close());
        connect(TestBrokers.endpoint(endpointId, 2)).close();

        broker.stop();
        broker = new FabricBroker(settings);
        broker.start();
        assertThrows(JMSSecurityRuntimeException.class, () -> connect(endpointCredential).close());
        connect(TestBrokers.endpoint(endpointId, 2)).close();
    }

    @Test
    void eventsAddressIsMulticastForSubscriptionsThatNameNoRoutingType() throws Exception {
        // The resource adapter subscribes an MDB to a topic with a temporary queue of no routing type.
        assertMulticastForUntypedSubscriptions(Destinations.EVENTS);
    }

    @Test
    void commandAddressesAreMulticastForSubscriptionsThatNameNoRoutingType() throws Exception {
        assertMulticastForUntypedSubscriptions(Destinations.commandTopic("endpoint-1"));
    }

    private void assertMulticastForUntypedSubscriptions(String address) throws Exception {
        try (ServerLocator locator = ActiveMQClient.createServerLocator(settings.url());
             ClientSessionFactory factory = locator.createSessionFactory();
             ClientSession session = factory.createSession(TestBrokers.SERVICE.user(), TestBrokers.SERVICE.password(),
                     false, true, true, false, 0)) {
            List<String> subscriptions = List.of("instance-1", "instance-2");
            for (String queue : subscriptions) {
                session.createQueue(QueueConfiguration.of(queue).setAddress(address).setDurable(false)
                        .setTemporary(true));
            }
            session.start();
            try (JMSContext service = connect(TestBrokers.SERVICE)) {
                service.createProducer().send(service.createTopic(address), "notice");
            }
            for (String queue : subscriptions) {
                try (ClientConsumer consumer = session.createConsumer(queue)) {
                    assertNotNull(consumer.receive(RECEIVE_TIMEOUT_MS), "every subscription gets the notice: " + queue);
                }
            }
        }
    }

    @Test
    void endpointCannotAnnounceTaskEvents() {
        try (JMSContext endpoint = connect(endpointCredential)) {
            Topic events = endpoint.createTopic(Destinations.EVENTS);
            assertThrows(JMSSecurityRuntimeException.class, () -> endpoint.createProducer().send(events, "forged"));
        }
    }

    @Test
    void wrongPasswordIsRefused() {
        BrokerCredential wrong = new BrokerCredential(endpointCredential.user(), "not-the-password");
        assertThrows(JMSSecurityRuntimeException.class, () -> connect(wrong).close());
    }

    @Test
    void persistentMessageSurvivesRestart() {
        try (JMSContext service = connect(TestBrokers.SERVICE)) {
            service.createProducer().send(service.createQueue(taskQueue), "durable task");
        }
        broker.stop();
        assertFalse(broker.isStarted());
        broker = new FabricBroker(settings);
        broker.start();
        try (JMSContext service = connect(TestBrokers.SERVICE);
             JMSConsumer consumer = service.createConsumer(service.createQueue(taskQueue))) {
            assertEquals("durable task", consumer.receiveBody(String.class, RECEIVE_TIMEOUT_MS));
        }
    }

    @Test
    void messageRolledBackTooOftenIsDeadLettered() {
        try (JMSContext service = connect(TestBrokers.SERVICE);
             JMSContext worker = service.createContext(JMSContext.SESSION_TRANSACTED);
             JMSConsumer consumer = worker.createConsumer(worker.createQueue(taskQueue))) {
            service.createProducer().send(service.createQueue(taskQueue), "poison");
            for (int attempt = 1; attempt <= BrokerConfiguration.MAX_DELIVERY_ATTEMPTS; attempt++) {
                assertNotNull(consumer.receive(RECEIVE_TIMEOUT_MS), "delivery " + attempt);
                worker.rollback();
            }
            assertEquals(null, consumer.receiveNoWait());
            // auto-created dead-letter queues are named after the queue they serve
            String deadLetters = BrokerConfiguration.DEAD_LETTER_ADDRESS + "::"
                    + BrokerConfiguration.DEAD_LETTER_ADDRESS + "." + taskQueue;
            try (JMSConsumer dlq = service.createConsumer(service.createQueue(deadLetters))) {
                assertEquals("poison", dlq.receiveBody(String.class, RECEIVE_TIMEOUT_MS));
            }
        }
    }

    @Test
    void aResultHandedBackComesAgainAfterADelay() {
        try (JMSContext service = connect(TestBrokers.SERVICE);
             JMSContext listener = service.createContext(JMSContext.SESSION_TRANSACTED);
             JMSConsumer results = listener.createConsumer(listener.createQueue(Destinations.RESULTS))) {
            connect(endpointCredential).createProducer().send(service.createQueue(Destinations.RESULTS), "early result");
            assertNotNull(results.receive(RECEIVE_TIMEOUT_MS));
            listener.rollback();
            assertEquals(null, results.receive(BrokerConfiguration.RESULT_REDELIVERY_DELAY_MS / 4),
                    "redelivered at once: the task's transaction would still not have committed");
            assertEquals("early result", results.receiveBody(String.class, RECEIVE_TIMEOUT_MS));
            listener.commit();
        }
    }

    @Test
    void takenPortIsReportedInOneLine() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            FabricBroker second = new FabricBroker(TestBrokers.settings(dataDir.resolve("second"),
                    taken.getLocalPort()));
            BrokerConfigException e = assertThrows(BrokerConfigException.class, second::start);
            assertEquals("port " + taken.getLocalPort() + " on 127.0.0.1 is taken: set FABRIC_BROKER_PORT",
                    e.getMessage());
            assertFalse(second.isStarted());
        }
        assertTrue(broker.isStarted());
    }

    @Test
    void secondBrokerOnTheSameDataDirectoryFails() {
        FabricBroker second = new FabricBroker(TestBrokers.settings(dataDir));
        BrokerConfigException e = assertThrows(BrokerConfigException.class, second::start);
        assertTrue(e.getMessage().contains("set FABRIC_BROKER_DATA_DIR"), e.getMessage());
        assertFalse(second.isStarted());
        assertTrue(broker.isStarted());
    }

    private JMSContext connect(BrokerCredential credential) {
        return TestBrokers.connect(settings, credential);
    }

    private static String roundTrip(JMSContext sender, JMSContext receiver, String queue, String body) {
        sender.createProducer().send(sender.createQueue(queue), body);
        try (JMSConsumer consumer = receiver.createConsumer(receiver.createQueue(queue))) {
            Message message = consumer.receive(RECEIVE_TIMEOUT_MS);
            assertNotNull(message, "nothing arrived on " + queue);
            return message.getBody(String.class);
        } catch (jakarta.jms.JMSException e) {
            throw new AssertionError(e);
        }
    }
}
