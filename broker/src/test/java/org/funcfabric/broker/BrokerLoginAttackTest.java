package org.funcfabric.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.QueueBrowser;

import org.apache.activemq.artemis.api.config.ActiveMQDefaultConfiguration;
import org.funcfabric.broker.security.BrokerCredential;
import org.funcfabric.protocol.Destinations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The attacks of the security review, tried against a real broker: Artemis's built-in cluster login,
 * an unknown user and one endpoint's credential each try to read another endpoint's tasks, revoke
 * credentials and command another endpoint's connector. Each is refused, while the service itself
 * still reads the tasks (so a refusal is the broker's rule, not an empty queue).
 */
class BrokerLoginAttackTest {
    private static final long RECEIVE_TIMEOUT_MS = 5_000;
    private static final String VICTIM = UUID.randomUUID().toString();

    @TempDir
    Path dataDir;

    private BrokerSettings settings;
    private FabricBroker broker;

    @BeforeEach
    void startBrokerWithAQueuedTask() {
        settings = TestBrokers.settings(dataDir);
        broker = new FabricBroker(settings);
        broker.start();
        try (JMSContext service = TestBrokers.connect(settings, TestBrokers.SERVICE)) {
            service.createProducer().send(service.createQueue(Destinations.taskQueue(VICTIM)), "victim's task");
        }
    }

    @AfterEach
    void stopBroker() {
        broker.stop();
    }

    static Stream<Arguments> attackers() {
        return Stream.of(
                Arguments.of("Artemis's default cluster login", new BrokerCredential(
                        ActiveMQDefaultConfiguration.getDefaultClusterUser(),
                        ActiveMQDefaultConfiguration.getDefaultClusterPassword())),
                Arguments.of("the default cluster user with a guessed password",
                        new BrokerCredential(ActiveMQDefaultConfiguration.getDefaultClusterUser(), "")),
                Arguments.of("an unknown user", new BrokerCredential("mallory", "secret")),
                Arguments.of("another endpoint's credential", TestBrokers.endpoint(UUID.randomUUID().toString(), 1)));
    }

    @ParameterizedTest(name = "{0} cannot browse another endpoint's tasks")
    @MethodSource("attackers")
    void cannotBrowseAnotherEndpointsTasks(String who, BrokerCredential attacker) {
        assertRefused(attacker, jms -> {
            try (QueueBrowser browser = jms.createBrowser(jms.createQueue(Destinations.taskQueue(VICTIM)))) {
                browser.getEnumeration().hasMoreElements();
            } catch (jakarta.jms.JMSException e) {
                throw new JMSSecurityRuntimeException(e.getMessage());
            }
        });
        assertServiceStillReadsTheTask();
    }

    @ParameterizedTest(name = "{0} cannot consume another endpoint's tasks")
    @MethodSource("attackers")
    void cannotConsumeAnotherEndpointsTasks(String who, BrokerCredential attacker) {
        assertRefused(attacker, jms -> {
            try (JMSConsumer consumer = jms.createConsumer(jms.createQueue(Destinations.taskQueue(VICTIM)))) {
                consumer.receive(RECEIVE_TIMEOUT_MS);
            }
        });
        assertServiceStillReadsTheTask();
    }

    @ParameterizedTest(name = "{0} cannot inject a task")
    @MethodSource("attackers")
    void cannotInjectTasks(String who, BrokerCredential attacker) {
        assertRefused(attacker, jms -> jms.createProducer().send(jms.createQueue(Destinations.taskQueue(VICTIM)), "forged"));
    }

    @ParameterizedTest(name = "{0} cannot send to fabric.credentials")
    @MethodSource("attackers")
    void cannotRevokeCredentials(String who, BrokerCredential attacker) {
        assertRefused(attacker, jms -> jms.createProducer().send(jms.createQueue(Destinations.CREDENTIALS), "{}"));
    }

    @ParameterizedTest(name = "{0} cannot send to fabric.commands.*")
    @MethodSource("attackers")
    void cannotCommandAnotherEndpoint(String who, BrokerCredential attacker) {
        assertRefused(attacker, jms -> jms.createProducer().send(jms.createTopic(Destinations.commandTopic(VICTIM)),
                "{\"type\":\"stop\"}"));
    }

    /**
     * Refused either at login or at the operation itself, for a security reason: a refused login as
     * the cluster user is Artemis's {@code AMQ229099}, which JMS does not map to a security exception.
     */
    private void assertRefused(BrokerCredential attacker, Consumer<JMSContext> attack) {
        JMSRuntimeException refusal = assertThrows(JMSRuntimeException.class, () -> {
            try (JMSContext jms = TestBrokers.connect(settings, attacker)) {
                attack.accept(jms);
            }
        });
        assertTrue(refusal instanceof JMSSecurityRuntimeException || refusal.getMessage().startsWith("AMQ229099"),
                () -> "refused for another reason than security: " + refusal);
    }

    private void assertServiceStillReadsTheTask() {
        try (JMSContext service = TestBrokers.connect(settings, TestBrokers.SERVICE);
             JMSConsumer tasks = service.createConsumer(service.createQueue(Destinations.taskQueue(VICTIM)))) {
            assertEquals("victim's task", tasks.receiveBody(String.class, RECEIVE_TIMEOUT_MS));
        }
    }
}
