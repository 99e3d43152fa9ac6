package org.funcfabric.broker.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.funcfabric.broker.BrokerConfigException;
import org.funcfabric.broker.BrokerSettings;
import org.junit.jupiter.api.Test;

class AmqpSettingsTest {
    private static final BrokerSettings BROKER = BrokerSettings.from(Map.of(
            BrokerSettings.DATA_DIR, "/tmp/unused",
            BrokerSettings.SERVICE_PASSWORD, "s",
            BrokerSettings.ENDPOINT_KEY, "e")::get);

    @Test
    void offWithoutASecret() {
        assertTrue(AmqpSettings.from(Map.<String, String>of()::get, BROKER).isEmpty());
    }

    @Test
    void defaultsFollowTheBroker() {
        AmqpSettings s = AmqpSettings.from(Map.of(AmqpSettings.SECRET, "k")::get, BROKER).orElseThrow();
        assertEquals("amqp://127.0.0.1:5672/funcfabric", s.url());
        assertTrue(!s.toString().contains("k]"), "the secret is not printed");
    }

    @Test
    void badOrCollidingPortsAreNamed() {
        BrokerConfigException bad = assertThrows(BrokerConfigException.class, () -> AmqpSettings.from(
                Map.of(AmqpSettings.SECRET, "k", AmqpSettings.PORT, "x")::get, BROKER));
        assertTrue(bad.getMessage().startsWith(AmqpSettings.PORT));
        BrokerConfigException same = assertThrows(BrokerConfigException.class, () -> AmqpSettings.from(
                Map.of(AmqpSettings.SECRET, "k", AmqpSettings.PORT, "61616")::get, BROKER));
        assertTrue(same.getMessage().contains(BrokerSettings.PORT));
    }
}
