package org.funcfabric.launcher.process;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;

import org.funcfabric.launcher.config.ConfigException;
import org.junit.jupiter.api.Test;

class PortsTest {
    @Test
    void takenPortGivesOneLineNamingTheKnob() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();

            ConfigException e = assertThrows(ConfigException.class,
                    () -> Ports.requireFree("127.0.0.1", port, "FABRIC_HTTP_PORT"));

            assertEquals("port " + port + " on 127.0.0.1 is taken: set FABRIC_HTTP_PORT", e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }
    }

    @Test
    void portTakenOnEveryInterfaceIsTakenOnLoopbackToo() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(0));
            int port = taken.getLocalPort();

            assertEquals("port " + port + " on 127.0.0.1 is taken: set FABRIC_BROKER_PORT",
                    assertThrows(ConfigException.class,
                            () -> Ports.requireFree("127.0.0.1", port, "FABRIC_BROKER_PORT")).getMessage());
        }
    }

    @Test
    void freePortPassesAndAcceptsOnlyWhileListening() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
            assertTrue(Ports.accepts("127.0.0.1", port, Duration.ofSeconds(1)));
        }
        assertDoesNotThrow(() -> Ports.requireFree("127.0.0.1", port, "FABRIC_HTTP_PORT"));
        assertFalse(Ports.accepts("127.0.0.1", port, Duration.ofSeconds(1)));
    }
}
