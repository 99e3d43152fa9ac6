package org.funcfabric.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the migrations on a real H2 file database, and on PostgreSQL when {@code FABRIC_DB_URL} names
 * one (CI sets it), so the one SQL set is proven on both.
 */
class MigrationsTest {

    @TempDir
    Path dir;

    @Test
    void migratesH2FileDatabaseAndIsIdempotent() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("fabric").toAbsolutePath();
        Flyway fresh = flyway(url, "sa", "");
        int pending = fresh.info().pending().length;
        assertTrue(pending >= 2, "V1 and later migrations are found");
        assertEquals(pending, fresh.migrate().migrationsExecuted);
        assertEquals(0, flyway(url, "sa", "").migrate().migrationsExecuted, "second run keeps the schema");
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            assertTrue(tableExists(c, "TASKS"));
            assertTrue(columnExists(c, "ENDPOINTS", "LOCKED_UNTIL"), "V2 adds the endpoint lock");
        }
        assertTrue(Files.exists(dir.resolve("fabric.mv.db")));
    }

    @Test
    void migratesPostgresWhenConfigured() throws Exception {
        String url = System.getenv("FABRIC_DB_URL");
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            return; // H2-only run; CI's PostgreSQL pass sets FABRIC_DB_URL
        }
        Flyway flyway = flyway(url, System.getenv("FABRIC_DB_USER"), System.getenv("FABRIC_DB_PASSWORD"));
        flyway.migrate();
        assertTrue(flyway.info().current() != null);
    }

    private static Flyway flyway(String url, String user, String password) {
        return Flyway.configure().dataSource(url, user, password).load();
    }

    private static boolean columnExists(Connection c, String table, String column) throws Exception {
        try (ResultSet rs = c.getMetaData().getColumns(null, null, table, column)) {
            return rs.next();
        }
    }

    private static boolean tableExists(Connection c, String name) throws Exception {
        try (ResultSet rs = c.getMetaData().getTables(null, null, name, null)) {
            return rs.next();
        }
    }
}
