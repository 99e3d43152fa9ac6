package org.funcfabric.launcher.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.funcfabric.launcher.config.Knobs;
import org.funcfabric.launcher.config.UpSettings;
import org.funcfabric.launcher.home.RunHome;
import org.funcfabric.launcher.home.Secrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServicePropertiesTest {
    @TempDir
    Path dir;

    private Properties load(Map<String, String> env) throws Exception {
        UpSettings settings = UpSettings.from(new Knobs(env, dir), dir.resolve("lib"));
        RunHome home = new RunHome(settings.home()).create();
        Secrets secrets = Secrets.loadOrCreate(home.secretsFile());
        Map<String, String> map = ServiceProperties.of(settings, home, secrets);
        Properties p = new Properties();
        p.load(new StringReader(ServiceProperties.render(map)));
        // What Payara reads must be exactly what was meant, in both readings of the file.
        assertEquals(map, Map.copyOf((Map) p));
        p.setProperty("test.secrets.db", secrets.dbPassword());
        p.setProperty("test.secrets.service", secrets.brokerServicePassword());
        p.setProperty("test.secrets.endpoint", secrets.brokerEndpointKey());
        return p;
    }

    @Test
    void defaultRunUsesTheH2FileUnderTheRunDirectory() throws Exception {
        Properties p = load(Map.of());
        Path home = dir.resolve("var");

        assertEquals("org.h2.jdbcx.JdbcDataSource", p.getProperty("fabric.db.class"));
        assertEquals("jdbc:h2:file:" + home.resolve("db/fabric") + ";WRITE_DELAY=0", p.getProperty("fabric.db.url"));
        assertEquals("fabric", p.getProperty("fabric.db.user"));
        assertEquals(p.getProperty("test.secrets.db"), p.getProperty("fabric.db.password"));
        assertEquals("127.0.0.1", p.getProperty("fabric.broker.host"));
        assertEquals("61616", p.getProperty("fabric.broker.port"));
        assertEquals("fabric-service", p.getProperty("fabric.broker.user"));
        assertEquals(p.getProperty("test.secrets.service"), p.getProperty("fabric.broker.password"));
        assertEquals(p.getProperty("test.secrets.endpoint"), p.getProperty("fabric.broker.endpoint-key"));
        assertEquals("tcp://127.0.0.1:61616", p.getProperty("fabric.broker.public-url"));
        assertEquals("amqp://127.0.0.1:5672/funcfabric", p.getProperty("fabric.amqp.url"));
        assertEquals("amqp://127.0.0.1:5672/funcfabric", p.getProperty("fabric.amqp.public-url"));
        assertTrue(p.getProperty("fabric.amqp.secret").length() >= 32);
        assertEquals("120", p.getProperty("fabric.endpoint.heartbeat-threshold-s"));
        assertEquals("file://" + home.resolve("keys/jwt-public.pem"), p.getProperty("mp.jwt.verify.publickey.location"));
        assertEquals("funcfabric-dev", p.getProperty("mp.jwt.verify.issuer"));
    }

    @Test
    void readinessWaitsForTheLocalEndpoint() throws Exception {
        assertEquals("dev/local", load(Map.of()).getProperty("fabric.health.expected-endpoints"));
    }

    @Test
    void exactlyTheDocumentedKeys() throws Exception {
        Properties p = load(Map.of());

        assertEquals(List.of("fabric.amqp.public-url", "fabric.amqp.secret", "fabric.amqp.url",
                        "fabric.broker.endpoint-key", "fabric.broker.host",
                        "fabric.broker.password", "fabric.broker.port", "fabric.broker.public-url", "fabric.broker.user",
                        "fabric.db.class", "fabric.db.password", "fabric.db.url", "fabric.db.user",
                        "fabric.endpoint.heartbeat-threshold-s", "fabric.health.expected-endpoints",
                        "fabric.metrics.scrape-token", "jakarta.json.provider",
                        "mp.jwt.verify.audiences", "mp.jwt.verify.clock.skew", "mp.jwt.verify.issuer",
                        "mp.jwt.verify.publickey.location"),
                p.stringPropertyNames().stream().filter(k -> !k.startsWith("test.")).sorted().toList());
    }

    @Test
    void postgresqlUrlSelectsThePostgresqlDataSourceAndTheConfiguredCredentials() throws Exception {
        Properties p = load(Map.of("FABRIC_DB_URL", "jdbc:postgresql://127.0.0.1:5432/fabric",
                "FABRIC_DB_USER", "ff", "FABRIC_DB_PASSWORD", "p#ss w=rd:\\x",
                "FABRIC_BROKER_PORT", "61000", "FABRIC_HEARTBEAT_THRESHOLD", "45"));

        assertEquals("org.postgresql.ds.PGSimpleDataSource", p.getProperty("fabric.db.class"));
        assertEquals("jdbc:postgresql://127.0.0.1:5432/fabric", p.getProperty("fabric.db.url"));
        assertEquals("ff", p.getProperty("fabric.db.user"));
        assertEquals("p#ss w=rd:\\x", p.getProperty("fabric.db.password"));
        assertEquals("61000", p.getProperty("fabric.broker.port"));
        assertEquals("tcp://127.0.0.1:61000", p.getProperty("fabric.broker.public-url"));
        assertEquals("45", p.getProperty("fabric.endpoint.heartbeat-threshold-s"));
    }

    @Test
    void prebootBindsTheHttpListenerAndLeavesHealthToTheApplication() {
        assertEquals("set configs.config.server-config.network-config.network-listeners.network-listener"
                + ".http-listener.address=127.0.0.1\n"
                + "set-microprofile-healthcheck-configuration --enabled=false\n",
                ServiceProperties.prebootCommands("127.0.0.1", Optional.empty()));
    }

    @Test
    void prebootBindsTheHttpsListenerWhenThereIsTls() {
        assertTrue(ServiceProperties.prebootCommands("127.0.0.1", Optional.of("0.0.0.0")).contains(
                "network-listener.https-listener.address=0.0.0.0\n"));
    }

    @Test
    void renderedFileIsPlainKeyValueLines() {
        String text = ServiceProperties.render(Map.of("fabric.db.url", "jdbc:h2:file:/x/db/fabric"));

        assertTrue(text.contains("\nfabric.db.url=jdbc:h2:file:/x/db/fabric\n"), text);
    }
}
