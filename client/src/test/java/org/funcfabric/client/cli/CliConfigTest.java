package org.funcfabric.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliConfigTest {
    @TempDir
    Path dir;

    @Test
    void fileIsUnderXdgConfigHomeElseDotConfig() {
        assertEquals(dir.resolve("xdg/funcfabric/config.json"),
                CliConfig.file(Map.of("XDG_CONFIG_HOME", dir.resolve("xdg").toString(), "HOME", "/home/u")));
        assertEquals(Path.of("/home/u/.config/funcfabric/config.json"), CliConfig.file(Map.of("HOME", "/home/u")));
        // The XDG spec ignores relative paths.
        assertEquals(Path.of("/home/u/.config/funcfabric/config.json"),
                CliConfig.file(Map.of("XDG_CONFIG_HOME", "rel", "HOME", "/home/u")));
    }

    @Test
    void savedConfigIsReadableByTheUserAloneAndReadsBack() throws IOException {
        Path file = dir.resolve("cfg/funcfabric/config.json");
        new CliConfig("http://svc:8080", "a.b.c").save(file);

        assertEquals(new CliConfig("http://svc:8080", "a.b.c"), CliConfig.load(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        assertTrue(Files.readString(file).contains("\"service_url\""), "snake_case keys");
    }

    @Test
    void savingAgainReplacesTheFileAndTightensItsMode() throws IOException {
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{}");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        new CliConfig("http://a", "t2").save(file);

        assertEquals("t2", CliConfig.load(file).token());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void missingFileIsAnEmptyConfigAndABrokenOneAUsageError() throws IOException {
        CliConfig none = CliConfig.load(dir.resolve("absent.json"));
        assertNull(none.token());

        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{not json");
        assertThrows(CliException.class, () -> CliConfig.load(broken));
    }

    @Test
    void optionThenEnvironmentThenFileThenDefaultForTheUrl() {
        CliConfig stored = new CliConfig("http://stored", "stored-token");
        Map<String, String> env = Map.of(CliConfig.SERVICE_URL_VARIABLE, "http://env");

        assertEquals("http://option", stored.serviceUrl("http://option", env));
        assertEquals("http://env", stored.serviceUrl(null, env));
        assertEquals("http://stored", stored.serviceUrl(null, Map.of()));
        assertEquals(CliConfig.DEFAULT_SERVICE_URL, new CliConfig(null, null).serviceUrl(null, Map.of()));
    }

    @Test
    void environmentTokenWinsOverTheStoredOne() {
        CliConfig stored = new CliConfig(null, "stored-token");

        assertEquals("env-token", stored.token(Map.of(CliConfig.TOKEN_VARIABLE, " env-token\n")));
        assertEquals("stored-token", stored.token(Map.of()));
        assertNull(new CliConfig(null, null).token(Map.of(CliConfig.TOKEN_VARIABLE, "  ")));
    }
}
