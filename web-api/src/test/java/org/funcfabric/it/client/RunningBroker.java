package org.funcfabric.it.client;

import java.util.Map;
import org.funcfabric.broker.BrokerSettings;
import org.funcfabric.broker.FabricBroker;
import org.junit.jupiter.api.extension.ExtensionContext.Store.CloseableResource;

/**
 * The broker of the container tests: the project's own {@link FabricBroker} in the test JVM, on the
 * port and with the credentials failsafe passes in, which Payara Micro's system properties name too.
 */
public final class RunningBroker implements CloseableResource {
    private final FabricBroker broker;

    private RunningBroker(FabricBroker broker) {
        this.broker = broker;
    }

    public static RunningBroker start() {
        BrokerSettings settings = BrokerSettings.from(Map.of(
                BrokerSettings.HOST, "127.0.0.1",
                BrokerSettings.PORT, required("fabric.it.broker.port"),
                BrokerSettings.DATA_DIR, required("fabric.it.broker.data-dir"),
                BrokerSettings.SERVICE_USER, required("fabric.it.broker.user"),
                BrokerSettings.SERVICE_PASSWORD, required("fabric.it.broker.password"),
                BrokerSettings.ENDPOINT_KEY, required("fabric.it.broker.endpoint-key"))::get);
        FabricBroker broker = new FabricBroker(settings);
        broker.start();
        return new RunningBroker(broker);
    }

    @Override
    public void close() {
        broker.stop();
    }

    static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property
                    + " is not set: run the container tests through Maven (mvn -B verify -pl web-api)");
        }
        return value;
    }
}
