package org.funcfabric.launcher.home;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;

import org.funcfabric.launcher.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibraryTest {
    @TempDir
    Path dir;

    @Test
    void missingArtifactsAreNamedWithTheBuildCommand() throws Exception {
        for (String a : Library.ARTIFACTS) {
            if (!a.equals(Library.SERVICE_WAR) && !a.equals(Library.ARTEMIS_RA)) {
                Files.writeString(dir.resolve(a), "x");
            }
        }
        ConfigException e = assertThrows(ConfigException.class, () -> new Library(dir).requireComplete());

        assertEquals("missing artemis-ra.rar, funcfabric.war in " + dir
                + ": run `mvn -DskipTests package` in the FuncFabric directory (or set FABRIC_LIB_DIR)", e.getMessage());
    }

    @Test
    void completeLibraryPasses() throws Exception {
        for (String a : Library.ARTIFACTS) {
            Files.writeString(dir.resolve(a), "x");
        }
        assertDoesNotThrow(() -> new Library(dir).requireComplete());
    }
}
