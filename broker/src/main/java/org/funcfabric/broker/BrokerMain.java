package org.funcfabric.broker;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;
import java.util.logging.LogManager;

import org.funcfabric.broker.amqp.AmqpSettings;

/**
 * {@code java -jar funcfabric-broker.jar}: runs the FuncFabric broker until SIGTERM or Ctrl-C.
 * Configured only through {@code FABRIC_BROKER_*} and {@code FABRIC_AMQP_*} variables (see
 * {@link BrokerSettings}, {@link AmqpSettings}); prints
 * {@code broker ready on tcp://HOST:PORT} once it accepts connections and {@code broker stopped} after a
 * clean stop, and exits with code 2 and one
 * line on stderr when a setting must be fixed.
 */
public final class BrokerMain {
    private static final int CONFIG_ERROR = 2;

    private BrokerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        configureLogging();
        if (args.length > 0) {
            fail("takes no arguments: configure it with the FABRIC_BROKER_* environment variables");
        }
        FabricBroker broker;
        try {
            BrokerSettings settings = BrokerSettings.fromEnvironment();
            broker = new FabricBroker(settings, AmqpSettings.fromEnvironment(settings));
            broker.start();
        } catch (BrokerConfigException e) {
            fail(e.getMessage());
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.stop();
            // on stdout: java.util.logging closes its handlers in a shutdown hook of its own
            System.out.println("broker stopped");
            stopped.countDown();
        }, "broker-shutdown"));
        broker.amqpSettings().ifPresent(a -> System.out.println("amqp ready on " + a.url()));
        System.out.println("broker ready on " + broker.settings().url());
        stopped.await();
    }

    private static void fail(String message) {
        System.err.println("broker: " + message);
        System.exit(CONFIG_ERROR);
    }

    /** The compact one-line format, unless the operator supplied a logging configuration. */
    private static void configureLogging() {
        if (System.getProperty("java.util.logging.config.file") != null) {
            return;
        }
        try (InputStream in = BrokerMain.class.getResourceAsStream("logging.properties")) {
            LogManager.getLogManager().readConfiguration(in);
        } catch (IOException e) {
            throw new IllegalStateException("logging.properties missing from the broker jar", e);
        }
    }
}
