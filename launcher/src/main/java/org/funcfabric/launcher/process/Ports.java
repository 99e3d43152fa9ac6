package org.funcfabric.launcher.process;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

import org.funcfabric.launcher.config.ConfigException;

/** TCP port probes: is a port free to listen on, does a listener accept connections. */
public final class Ports {
    private Ports() {
    }

    /**
     * Checks that {@code port} can be listened on at {@code host} by binding it briefly.
     *
     * @param knob the variable that sets this port, named in the message
     * @throws ConfigException "port 8080 on 127.0.0.1 is taken: set FABRIC_HTTP_PORT"
     */
    public static void requireFree(String host, int port, String knob) {
        try (ServerSocket socket = new ServerSocket()) {
            // The servers set SO_REUSEADDR too; a port left in TIME_WAIT by a previous run is free.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (BindException e) {
            if (isAddressProblem(e)) {
                throw new ConfigException("cannot listen on " + host + " (" + e.getMessage()
                        + "): set FABRIC_BIND_ADDRESS to an address of this machine", e);
            }
            throw new ConfigException("port " + port + " on " + host + " is taken: set " + knob, e);
        } catch (IOException e) {
            throw new ConfigException("cannot listen on " + host + ":" + port + " (" + e.getMessage()
                    + "): set FABRIC_BIND_ADDRESS or " + knob, e);
        }
    }

    private static boolean isAddressProblem(BindException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("Cannot assign requested address") || m.contains("not available");
    }

    /** True when something accepts a TCP connection at {@code host:port} within {@code timeout}. */
    public static boolean accepts(String host, int port, Duration timeout) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
