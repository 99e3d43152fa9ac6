package org.funcfabric.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
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
            assertTrue(columnExists(c, "TASK_GROUPS", "EVENT_COUNT"), "V3 adds the task event counter");
            assertTrue(columnExists(c, "TASKS", "EVENT_NUMBER"), "V3 adds the task event number");
            assertTrue(columnExists(c, "TASKS", "MAX_RETRIES"), "V4 adds the retry policy");
            assertTrue(columnExists(c, "TASKS", "ATTEMPTS"), "V4 adds the failed attempts");
            assertTrue(columnExists(c, "ENDPOINTS", "QUEUED_TASKS"), "V4 adds the reported queue depth");
            assertTrue(columnExists(c, "ENDPOINTS", "CREDENTIAL_GENERATION"), "V5 adds the broker credential generation");
            assertTrue(columnExists(c, "ENDPOINT_GROUPS", "GROUP_ID"), "V5 adds the endpoint's groups");
            assertTrue(columnExists(c, "TOKEN_REVOCATIONS", "ISSUED_BEFORE"), "V6 adds the token revocations");
            assertTrue(tableExists(c, "TASK_DISPATCHES"), "V7 adds the submissions' outbox");
            assertTrue(columnExists(c, "TASK_GROUPS", "RESULT_QUEUE"), "V8 flags the groups with a result queue");
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

    @Test
    void v3NumbersTasksThatEndedBeforeItInTheOrderTheyEnded() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("backfill").toAbsolutePath();
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            assertBackfill(c, Flyway.configure().dataSource(url, "sa", ""));
        }
    }

    @Test
    void v3NumbersTasksThatEndedBeforeItOnPostgresWhenConfigured() throws Exception {
        String url = System.getenv("FABRIC_DB_URL");
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            return;
        }
        // A schema of its own, dropped afterwards: the configured database is shared with the service.
        String schema = "migrations_test_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = DriverManager.getConnection(url, System.getenv("FABRIC_DB_USER"), System.getenv("FABRIC_DB_PASSWORD"))) {
            try {
                c.createStatement().execute("CREATE SCHEMA " + schema);
                c.setSchema(schema);
                assertBackfill(c, Flyway.configure().dataSource(url, System.getenv("FABRIC_DB_USER"),
                        System.getenv("FABRIC_DB_PASSWORD")).schemas(schema));
            } finally {
                c.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    /**
     * Migrates to V2, stores two groups' tasks, some ended (out of submission order) and some open,
     * then migrates to V3: the ended ones are numbered 1, 2… per group by completion time, the counters
     * match, and a second number for a group is refused.
     */
    private static void assertBackfill(Connection c, FluentConfiguration config) throws Exception {
        config.target("2").load().migrate();
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO functions (id, owner, name, header, code, public_function, created_at)"
                    + " VALUES ('f', 'alice', 'echo', 'sh', '{}', FALSE, 1)");
            s.execute("INSERT INTO endpoints (id, owner, name, public_endpoint, restricted, total_workers, total_slots,"
                    + " created_at, updated_at) VALUES ('e', 'alice', 'ep', FALSE, FALSE, 0, 0, 1, 1)");
            s.execute("INSERT INTO task_groups (id, owner, created_at) VALUES ('g1', 'alice', 1), ('g2', 'alice', 1),"
                    + " ('g3', 'alice', 1)");
            insertTask(s, "a", "g1", "SUCCESS", 300L);
            insertTask(s, "b", "g1", "FAILED", 100L);
            insertTask(s, "c", "g1", "RUNNING", null);
            insertTask(s, "d", "g1", "SUCCESS", 200L);
            insertTask(s, "e", "g2", "SUCCESS", 50L);
            insertTask(s, "f", "g2", "WAITING_FOR_LAUNCH", null);
        }
        config.target("3").load().migrate();

        assertEquals(Map.of("a", 3L, "b", 1L, "d", 2L, "e", 1L), eventNumbers(c));
        assertEquals(Map.of("g1", 3L, "g2", 1L, "g3", 0L), eventCounts(c));
        try (Statement s = c.createStatement()) {
            assertThrows(SQLException.class, () -> s.executeUpdate("UPDATE tasks SET event_number = 1 WHERE id = 'a'"),
                    "event numbers are unique within a group");
        }
    }

    private static void insertTask(Statement s, String id, String group, String status, Long completedAt)
            throws SQLException {
        s.execute("INSERT INTO tasks (id, task_group_id, owner, function_id, endpoint_id, request_id, payload, status,"
                + " received_at, completed_at) VALUES ('" + id + "', '" + group + "', 'alice', 'f', 'e', 'r', 'p', '"
                + status + "', 1, " + completedAt + ")");
    }

    private static Map<String, Long> eventNumbers(Connection c) throws SQLException {
        Map<String, Long> numbers = new HashMap<>();
        try (ResultSet rs = c.createStatement().executeQuery(
                "SELECT id, event_number FROM tasks WHERE event_number IS NOT NULL")) {
            while (rs.next()) {
                numbers.put(rs.getString(1), rs.getLong(2));
            }
        }
        return numbers;
    }

    private static Map<String, Long> eventCounts(Connection c) throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        try (ResultSet rs = c.createStatement().executeQuery("SELECT id, event_count FROM task_groups")) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
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
