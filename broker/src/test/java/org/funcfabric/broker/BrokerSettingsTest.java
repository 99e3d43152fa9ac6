package org.funcfabric.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class BrokerSettingsTest {
    private final Map<String, String> env = new HashMap<>(Map.of(
            BrokerSettings.DATA_DIR, "/var/lib/fabric",
            BrokerSettings.SERVICE_PASSWORD, "service-secret",
            BrokerSettings.ENDPOINT_KEY, "endpoint-secret"));

    @Test
    void defaultsToLoopbackAndTheStandardPortAndUsers() {
        BrokerSettings settings = BrokerSettings.from(env::get);
        assertEquals("tcp://127.0.0.1:61616", settings.url());
        assertEquals(Path.of("/var/lib/fabric"), settings.dataDir());
        assertEquals("fabric-service", settings.service().user());
        assertEquals("endpoint-secret", settings.endpointKey());
    }

    @Test
    void missingRequiredSettingNamesTheVariable() {
        env.remove(BrokerSettings.ENDPOINT_KEY);
        BrokerConfigException e = assertThrows(BrokerConfigException.class, () -> BrokerSettings.from(env::get));
        assertEquals("FABRIC_BROKER_ENDPOINT_KEY is not set: set it to the key of the endpoints' broker credentials"
                + " (the service's fabric.broker.endpoint-key)", e.getMessage());
    }

    @Test
    void blankCountsAsUnset() {
        env.put(BrokerSettings.DATA_DIR, "  ");
        assertThrows(BrokerConfigException.class, () -> BrokerSettings.from(env::get));
    }

    @Test
    void badPortIsRefused() {
        env.put(BrokerSettings.PORT, "70000");
        BrokerConfigException e = assertThrows(BrokerConfigException.class, () -> BrokerSettings.from(env::get));
        assertEquals("FABRIC_BROKER_PORT is '70000': set it to a TCP port between 1 and 65535", e.getMessage());
    }

    @Test
    void serviceUserMayNotLookLikeAnEndpoint() {
        env.put(BrokerSettings.SERVICE_USER, "ep.0b6a3c1e-5f7d-4d8e-9a0b-1c2d3e4f5a6b.1");
        assertThrows(BrokerConfigException.class, () -> BrokerSettings.from(env::get));
    }

    @Test
    void clusterPasswordIsRandomAtEveryStartUnlessConfigured() {
        String first = BrokerSettings.from(env::get).clusterPassword();
        assertNotEquals(first, BrokerSettings.from(env::get).clusterPassword());
        assertTrue(first.length() >= 40, first);
        env.put(BrokerSettings.CLUSTER_PASSWORD, "shared-by-the-cluster-brokers");
        assertEquals("shared-by-the-cluster-brokers", BrokerSettings.from(env::get).clusterPassword());
    }

    @Test
    void shortClusterPasswordIsRefused() {
        env.put(BrokerSettings.CLUSTER_PASSWORD, "CHANGE ME!!");
        BrokerConfigException e = assertThrows(BrokerConfigException.class, () -> BrokerSettings.from(env::get));
        assertEquals("FABRIC_BROKER_CLUSTER_PASSWORD has 11 characters: set it to a random secret of at least 16"
                + " (or unset it outside a cluster)", e.getMessage());
    }

    @Test
    void passwordsAreNotPrinted() {
        env.put(BrokerSettings.CLUSTER_PASSWORD, "cluster-secret-of-the-brokers");
        String printed = BrokerSettings.from(env::get).toString();
        assertFalse(printed.contains("secret"), printed);
    }
}
