package org.funcfabric.broker.amqp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.rabbitmq.client.PossibleAuthenticationFailureException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import org.funcfabric.broker.BrokerSettings;
import org.funcfabric.broker.FabricBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.funcfabric.protocol.ResultQueueCredentials;

/** The AMQP 0-9-1 listener of the broker process, spoken to over the wire with the RabbitMQ Java client. */
class ResultQueueBrokerTest {
    private static final String SECRET = "test-amqp-secret";
    private static final ResultQueueCredentials CREDENTIALS = new ResultQueueCredentials(SECRET);

    @TempDir
    Path dataDir;

    private FabricBroker broker;
    private AmqpSettings amqp;

    @BeforeEach
    void start() {
        BrokerSettings settings = BrokerSettings.from(Map.of(
                BrokerSettings.PORT, String.valueOf(freePort()),
                BrokerSettings.DATA_DIR, dataDir.toString(),
                BrokerSettings.SERVICE_PASSWORD, "service-secret",
                BrokerSettings.ENDPOINT_KEY, "endpoint-secret")::get);
        amqp = AmqpSettings.from(Map.of(
                AmqpSettings.PORT, String.valueOf(freePort()),
                AmqpSettings.SECRET, SECRET)::get, settings).orElseThrow();
        broker = new FabricBroker(settings, Optional.of(amqp));
        broker.start();
    }

    @AfterEach
    void stop() {
        broker.stop();
    }

    @Test
    void serviceDeclaresAndPublishesAndTheOwnerConsumes() throws Exception {
        String user = CREDENTIALS.userFor("alice");
        String queue = ResultQueueCredentials.queuePrefixOf(user).orElseThrow() + UUID.randomUUID();
        try (Connection service = connect(broker.settings().service().user(), broker.settings().service().password())) {
            Channel channel = service.createChannel();
            channel.queueDeclare(queue, true, false, false, null);
            channel.basicPublish("", queue, null, "hello".getBytes(StandardCharsets.UTF_8));
        }
        try (Connection alice = connect(user, CREDENTIALS.passwordFor(user))) {
            Channel channel = alice.createChannel();
            GetResponse got = null;
            for (int i = 0; i < 50 && got == null; i++) {
                got = channel.basicGet(queue, false);
                if (got == null) {
                    Thread.sleep(100);
                }
            }
            assertNotNull(got, "the published message reaches its queue");
            assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), got.getBody());
            channel.basicAck(got.getEnvelope().getDeliveryTag(), false);
            String tag = channel.basicConsume(queue, false, (t, d) -> { }, t -> { });
            assertNotNull(tag, "a consumer on its own queue is allowed");
        }
    }

    @Test
    void aUserCannotReadAnotherUsersQueue() throws Exception {
        String alice = CREDENTIALS.userFor("alice");
        String bob = CREDENTIALS.userFor("bob");
        String queue = ResultQueueCredentials.queuePrefixOf(alice).orElseThrow() + UUID.randomUUID();
        try (Connection service = connect(broker.settings().service().user(), broker.settings().service().password())) {
            service.createChannel().queueDeclare(queue, true, false, false, null);
        }
        Connection consuming = connect(bob, CREDENTIALS.passwordFor(bob));
        try {
            Channel channel = consuming.createChannel();
            assertThrows(IOException.class, () -> channel.basicConsume(queue, false, (t, d) -> { }, t -> { }));
        } finally {
            consuming.abort();
        }
        Connection getting = connect(bob, CREDENTIALS.passwordFor(bob));
        try {
            Channel channel = getting.createChannel();
            assertThrows(IOException.class, () -> channel.basicGet(queue, false));
        } finally {
            getting.abort();
        }
    }

    @Test
    void aUserCannotDeclareOrPublish() throws Exception {
        String alice = CREDENTIALS.userFor("alice");
        String own = ResultQueueCredentials.queuePrefixOf(alice).orElseThrow() + UUID.randomUUID();
        Connection declaring = connect(alice, CREDENTIALS.passwordFor(alice));
        try {
            Channel declare = declaring.createChannel();
            assertThrows(IOException.class, () -> declare.queueDeclare(own, true, false, false, null));
        } finally {
            declaring.abort();
        }
        try (Connection service = connect(broker.settings().service().user(), broker.settings().service().password())) {
            service.createChannel().queueDeclare(own, true, false, false, null);
        }
        Connection publishing = connect(alice, CREDENTIALS.passwordFor(alice));
        try {
            Channel publish = publishing.createChannel();
            publish.basicPublish("", own, null, new byte[] {1});
            // publishing is asynchronous: the refusal closes the channel or the connection
            assertThrows(Exception.class, () -> publish.queueDeclarePassive(own));
            assertFalse(publish.isOpen());
        } finally {
            publishing.abort();
        }
    }

    @Test
    void wrongPasswordsAndUnknownUsersAreRefused() {
        String alice = CREDENTIALS.userFor("alice");
        assertThrows(PossibleAuthenticationFailureException.class, () -> connect(alice, "wrong").close());
        assertThrows(PossibleAuthenticationFailureException.class, () -> connect(alice, new ResultQueueCredentials("other").passwordFor(alice)).close());
        assertThrows(PossibleAuthenticationFailureException.class, () -> connect("guest", "guest").close());
    }

    @Test
    void derivedNamesAreStableAndPrefixed() {
        String user = CREDENTIALS.userFor("alice");
        assertEquals(user, new ResultQueueCredentials(SECRET).userFor("alice"));
        assertTrue(user.startsWith("ffr-") && user.length() == 36);
        assertTrue(CREDENTIALS.verify(user, CREDENTIALS.passwordFor(user)));
        assertFalse(CREDENTIALS.verify(CREDENTIALS.userFor("bob"), CREDENTIALS.passwordFor(user)));
        assertEquals(Optional.empty(), ResultQueueCredentials.queuePrefixOf("fabric-service"));
        assertEquals("ff.results." + user.substring(4) + ".", ResultQueueCredentials.queuePrefixOf(user).orElseThrow());
    }

    private Connection connect(String user, String password) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(amqp.host());
        factory.setPort(amqp.port());
        factory.setVirtualHost(amqp.virtualHost());
        factory.setUsername(user);
        factory.setPassword(password);
        factory.setConnectionTimeout(5_000);
        factory.setHandshakeTimeout(5_000);
        factory.setChannelRpcTimeout(5_000);
        factory.setAutomaticRecoveryEnabled(false);
        return factory.newConnection();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
