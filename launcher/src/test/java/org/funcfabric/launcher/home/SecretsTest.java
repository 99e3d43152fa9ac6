package org.funcfabric.launcher.home;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {
    @TempDir
    Path dir;

    @Test
    void firstCallGeneratesDistinctSecretsInAnOwnerOnlyFile() throws Exception {
        Path file = dir.resolve("secrets.properties");

        Secrets s = Secrets.loadOrCreate(file);

        assertTrue(s.generated());
        assertEquals(5, Set.of(s.brokerServicePassword(), s.brokerEndpointKey(), s.dbPassword(), s.amqpSecret(),
                s.metricsScrapeToken()).size());
        assertTrue(s.dbPassword().length() >= 32);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertFalse(s.toString().contains(s.dbPassword()));
    }

    @Test
    void secondCallReusesTheSecretsAndLeavesTheFileAlone() throws Exception {
        Path file = dir.resolve("secrets.properties");
        Secrets first = Secrets.loadOrCreate(file);
        String content = Files.readString(file);

        Secrets second = Secrets.loadOrCreate(file);

        assertFalse(second.generated());
        assertEquals(first.brokerServicePassword(), second.brokerServicePassword());
        assertEquals(first.brokerEndpointKey(), second.brokerEndpointKey());
        assertEquals(first.dbPassword(), second.dbPassword());
        assertEquals(content, Files.readString(file));
    }

    @Test
    void aMissingSecretIsAddedWithoutChangingTheOthers() throws Exception {
        Path file = dir.resolve("secrets.properties");
        Files.writeString(file, "db.password=keep-me\n");

        Secrets s = Secrets.loadOrCreate(file);

        assertTrue(s.generated());
        assertEquals("keep-me", s.dbPassword());
        assertEquals("keep-me", Secrets.loadOrCreate(file).dbPassword());
        assertEquals(s.brokerServicePassword(), Secrets.loadOrCreate(file).brokerServicePassword());
        assertNotEquals(s.brokerServicePassword(), s.brokerEndpointKey());
    }
}
