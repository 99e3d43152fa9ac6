package org.funcfabric.api.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import java.sql.Connection;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.funcfabric.bridge.jms.JmsTaskDispatcher;
import org.funcfabric.core.storage.SchemaMigrator;

/** {@code /health/ready}: the database is migrated and answers, and the broker accepts a connection. */
@Readiness
@ApplicationScoped
public class ServiceReadiness implements HealthCheck {
    @Inject
    private SchemaMigrator schema;

    @Resource(lookup = "java:app/jdbc/fabric")
    private DataSource dataSource;

    @Resource(lookup = JmsTaskDispatcher.CONNECTION_FACTORY)
    private ConnectionFactory broker;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("funcfabric");
        boolean database = databaseUp();
        boolean brokerUp = brokerUp();
        return response.withData("database", database).withData("broker", brokerUp)
                .status(database && brokerUp).build();
    }

    private boolean databaseUp() {
        try (Connection c = dataSource.getConnection()) {
            return schema.isMigrated() && c.isValid(2);
        } catch (Exception e) {
            return false;
        }
    }

    private boolean brokerUp() {
        try (JMSContext context = broker.createContext()) {
            context.createQueue("fabric.results");
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
