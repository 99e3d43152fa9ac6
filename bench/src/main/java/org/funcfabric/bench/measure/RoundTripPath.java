package org.funcfabric.bench.measure;

import java.util.concurrent.TimeoutException;

import org.funcfabric.client.model.TaskDocument;

/**
 * One way for a client to learn that its task has ended: the task event stream, polling, and later a
 * long-poll. {@link Latency} times a submit plus this wait, so each path is measured the same way.
 */
public interface RoundTripPath extends AutoCloseable {
    /** The name in the figures: {@code sse} gives {@code py_lat_sse_p50_ms}. */
    String name();

    /**
     * Submits one task and returns its document once this path has seen it end.
     *
     * @throws TimeoutException when the task has not ended within the path's deadline
     */
    TaskDocument roundTrip(String functionId, String payload) throws InterruptedException, TimeoutException;

    @Override
    void close();
}
