package org.funcfabric.launcher.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpSettingsTest {
    private static final Path CWD = Path.of("/work/here");
    private static final Path LIB = Path.of("/opt/ff/lib");

    private static UpSettings settings(Map<String, String> env) {
        return UpSettings.from(new Knobs(env, CWD), LIB);
    }

    @Test
    void defaults() {
        UpSettings s = settings(Map.of());

        assertEquals(Path.of("/work/here/var"), s.home());
        assertEquals(LIB, s.libDir());
        assertEquals("127.0.0.1", s.bindAddress());
        assertEquals(8080, s.httpPort());
        assertEquals(61616, s.brokerPort());
        assertEquals(Optional.of("local"), s.localEndpoint());
        assertEquals(1, s.localWorkers());
        assertEquals(2, s.localSlots());
        assertEquals("jdbc:h2:file:/work/here/var/db/fabric;WRITE_DELAY=0", s.dbUrl());
        assertEquals("fabric", s.dbUser());
        assertEquals(Optional.empty(), s.dbPassword());
        assertEquals(List.of("-Xmx384m", "-XX:+UseParallelGC"), s.serviceJavaOpts());
        assertEquals(List.of("-Xmx384m", "-XX:+UseParallelGC"), s.brokerJavaOpts());
        assertEquals(30, s.heartbeatPeriodSeconds());
        assertEquals(120, s.heartbeatThresholdSeconds());
        assertEquals(Optional.empty(), s.python());
        assertEquals(Duration.ofHours(12), s.tokenTtl());
        assertEquals(Duration.ofSeconds(300), s.readyTimeout());
        assertEquals("http://127.0.0.1:8080", s.baseUrl());
        assertEquals("tcp://127.0.0.1:61616", s.brokerUrl());
        assertEquals(Optional.empty(), s.tls());
        assertEquals("tcp://127.0.0.1:61616", s.publicBrokerUrl());
    }

    @Test
    void tlsListenersWhenAKeyStoreIsGiven(@TempDir Path dir) throws Exception {
        Path keystore = Files.writeString(dir.resolve("server.p12"), "not read here");
        UpSettings s = settings(Map.of("FABRIC_TLS_KEYSTORE", keystore.toString(),
                "FABRIC_TLS_KEYSTORE_PASSWORD", "pw", "FABRIC_TLS_BIND_ADDRESS", "0.0.0.0"));
        TlsSettings tls = s.tls().orElseThrow();
        assertEquals(8443, tls.httpsPort());
        assertEquals(61617, tls.brokerPort());
        assertEquals("funcfabric", tls.certAlias());
        assertEquals("tcp://0.0.0.0:61617?sslEnabled=true", s.publicBrokerUrl());
        assertTrue(!tls.toString().contains("pw"), tls.toString());
    }

    @Test
    void tlsNeedsAReadableKeyStoreAndItsPassword(@TempDir Path dir) throws Exception {
        ConfigException missing = assertThrows(ConfigException.class,
                () -> settings(Map.of("FABRIC_TLS_KEYSTORE", dir.resolve("none.p12").toString())));
        assertTrue(missing.getMessage().startsWith("FABRIC_TLS_KEYSTORE="), missing.getMessage());
        Path keystore = Files.writeString(dir.resolve("server.p12"), "x");
        ConfigException noPassword = assertThrows(ConfigException.class,
                () -> settings(Map.of("FABRIC_TLS_KEYSTORE", keystore.toString())));
        assertTrue(noPassword.getMessage().startsWith("FABRIC_TLS_KEYSTORE_PASSWORD is not set"), noPassword.getMessage());
    }

    @Test
    void everyKnobIsRead() {
        UpSettings s = settings(Map.ofEntries(
                Map.entry("FABRIC_HOME", "/srv/ff"), Map.entry("FABRIC_LIB_DIR", "lib2"),
                Map.entry("FABRIC_BIND_ADDRESS", "0.0.0.0"), Map.entry("FABRIC_HTTP_PORT", "9090"),
                Map.entry("FABRIC_BROKER_PORT", "61617"), Map.entry("FABRIC_LOCAL_ENDPOINT", "lab-1"),
                Map.entry("FABRIC_LOCAL_WORKERS", "3"), Map.entry("FABRIC_LOCAL_SLOTS", "8"),
                Map.entry("FABRIC_DB_URL", "jdbc:postgresql://127.0.0.1/ff"), Map.entry("FABRIC_DB_USER", "ff"),
                Map.entry("FABRIC_DB_PASSWORD", "pw"), Map.entry("FABRIC_SERVICE_JAVA_OPTS", " -Xmx1g  -Dx=y "),
                Map.entry("FABRIC_HEARTBEAT_PERIOD", "5"), Map.entry("FABRIC_HEARTBEAT_THRESHOLD", "20"),
                Map.entry("FABRIC_PYTHON", "/usr/bin/python3"), Map.entry("FABRIC_TOKEN_TTL", "1h"),
                Map.entry("FABRIC_READY_TIMEOUT", "10m")));

        assertEquals(Path.of("/srv/ff"), s.home());
        assertEquals(Path.of("/work/here/lib2"), s.libDir());
        assertEquals("http://127.0.0.1:9090", s.baseUrl(), "a wildcard bind is reached over loopback");
        assertEquals(61617, s.brokerPort());
        assertEquals(Optional.of("lab-1"), s.localEndpoint());
        assertEquals(3, s.localWorkers());
        assertEquals(8, s.localSlots());
        assertEquals("jdbc:postgresql://127.0.0.1/ff", s.dbUrl());
        assertEquals("ff", s.dbUser());
        assertEquals(Optional.of("pw"), s.dbPassword());
        assertEquals(List.of("-Xmx1g", "-Dx=y"), s.serviceJavaOpts());
        assertEquals(5, s.heartbeatPeriodSeconds());
        assertEquals(20, s.heartbeatThresholdSeconds());
        assertEquals(Optional.of("/usr/bin/python3"), s.python());
        assertEquals(Duration.ofHours(1), s.tokenTtl());
        assertEquals(Duration.ofMinutes(10), s.readyTimeout());
    }

    @Test
    void emptyLocalEndpointMeansNone() {
        assertEquals(Optional.empty(), settings(Map.of("FABRIC_LOCAL_ENDPOINT", "")).localEndpoint());
    }

    @Test
    void badValuesNameTheKnobToFix() {
        assertMessage("FABRIC_HTTP_PORT=http is not a whole number: set FABRIC_HTTP_PORT to a number",
                Map.of("FABRIC_HTTP_PORT", "http"));
        assertMessage("FABRIC_BROKER_PORT=70000 is not a port number: set FABRIC_BROKER_PORT between 1 and 65535",
                Map.of("FABRIC_BROKER_PORT", "70000"));
        assertMessage("FABRIC_LOCAL_SLOTS=0 must be at least 1: set FABRIC_LOCAL_SLOTS",
                Map.of("FABRIC_LOCAL_SLOTS", "0"));
        assertMessage("FABRIC_TOKEN_TTL=forever is not a duration: set FABRIC_TOKEN_TTL like 300, 90s, 15m, 12h or 30d",
                Map.of("FABRIC_TOKEN_TTL", "forever"));
        assertMessage("FABRIC_HTTP_PORT and FABRIC_BROKER_PORT are both 9000: set one of them to another port",
                Map.of("FABRIC_HTTP_PORT", "9000", "FABRIC_BROKER_PORT", "9000"));
        assertMessage("FABRIC_HEARTBEAT_THRESHOLD (30) must exceed FABRIC_HEARTBEAT_PERIOD (30): raise the threshold",
                Map.of("FABRIC_HEARTBEAT_THRESHOLD", "30"));
        assertTrue(assertThrows(ConfigException.class, () -> settings(Map.of("FABRIC_LOCAL_ENDPOINT", "../x")))
                .getMessage().startsWith("FABRIC_LOCAL_ENDPOINT=../x is not a valid endpoint name"));
    }

    @Test
    void durations() {
        assertEquals(Duration.ofSeconds(90), Knobs.parseDuration("90"));
        assertEquals(Duration.ofSeconds(90), Knobs.parseDuration("90s"));
        assertEquals(Duration.ofMinutes(15), Knobs.parseDuration("15m"));
        assertEquals(Duration.ofHours(12), Knobs.parseDuration("12h"));
        assertEquals(Duration.ofDays(30), Knobs.parseDuration("30d"));
        assertEquals(Duration.ofMillis(500), Knobs.parseDuration("500ms"));
        assertEquals(Duration.ofHours(1), Knobs.parseDuration("PT1H"));
        assertThrows(IllegalArgumentException.class, () -> Knobs.parseDuration("0"));
        assertThrows(IllegalArgumentException.class, () -> Knobs.parseDuration("1w"));
    }

    private static void assertMessage(String expected, Map<String, String> env) {
        assertEquals(expected, assertThrows(ConfigException.class, () -> settings(env)).getMessage());
    }
}
