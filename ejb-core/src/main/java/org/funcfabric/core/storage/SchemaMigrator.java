package org.funcfabric.core.storage;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Defines the application's data source and brings its schema up to date with src-db's Flyway
 * migrations before the service takes requests. The ${MPCONFIG=…} values are resolved at deployment,
 * before the application's own config file is read, so they come from system properties or the
 * environment (FABRIC_DB_URL …), which the launcher and the EAR deployment set.
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN) // Flyway commits on its own connection
@DataSourceDefinition(
        name = "java:app/jdbc/fabric",
        className = "${MPCONFIG=fabric.db.class}",
        url = "${MPCONFIG=fabric.db.url}",
        user = "${MPCONFIG=fabric.db.user}",
        password = "${MPCONFIG=fabric.db.password}",
        minPoolSize = 2,
        maxPoolSize = 32,
        properties = {
            "fish.payara.is-connection-validation-required=true",
            "fish.payara.connection-validation-method=meta-data",
            "fish.payara.fail-all-connections=true"
        })
public class SchemaMigrator {
    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());

    @Resource(lookup = "java:app/jdbc/fabric")
    private DataSource dataSource;

    private volatile boolean migrated;

    @PostConstruct
    void migrate() {
        MigrateResult result = Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        migrated = true;
        LOG.info(() -> "database schema at version " + result.targetSchemaVersion + " (" + result.migrationsExecuted
                + " migration(s) applied)");
    }

    public boolean isMigrated() {
        return migrated;
    }
}
