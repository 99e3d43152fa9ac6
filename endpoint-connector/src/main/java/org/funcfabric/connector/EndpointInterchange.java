package org.funcfabric.connector;

import java.io.IOException;

import jakarta.jms.JMSRuntimeException;

import org.funcfabric.connector.heartbeat.HeartbeatPublisher;
import org.funcfabric.connector.provider.LocalProcessProvider;

/**
 * A registered endpoint at work on this machine: its workers and its heartbeats, started and stopped
 * together (the role Globus Compute gives its endpoint interchange). Workers start first so the first
 * heartbeat already counts them; on stop they go first so the last heartbeat says {@code offline}
 * with nothing left running.
 */
public final class EndpointInterchange {
    private final LocalProcessProvider provider;
    private final HeartbeatPublisher heartbeats;

    public EndpointInterchange(LocalProcessProvider provider, HeartbeatPublisher heartbeats) {
        this.provider = provider;
        this.heartbeats = heartbeats;
    }

    /**
     * Starts the workers, then the heartbeats.
     *
     * @throws IOException         when the workers cannot be started
     * @throws JMSRuntimeException when the broker cannot be reached or refuses the credential; the
     *                             workers are stopped again
     */
    public synchronized void start() throws IOException {
        provider.start();
        try {
            heartbeats.start();
        } catch (JMSRuntimeException e) {
            provider.stop();
            throw e;
        }
    }

    /** Stops the workers, then sends the last heartbeat and disconnects. */
    public synchronized void stop() {
        provider.stop();
        heartbeats.stop();
    }

    public synchronized boolean isStarted() {
        return provider.isStarted() && heartbeats.isStarted();
    }
}
