package org.funcfabric.client.executor;

import java.nio.charset.StandardCharsets;

/** A task waiting for the next batch: its future, its function and its payload. */
record PendingTask(TaskFuture<?> future, FunctionRef function, String payload) {
    /** The payload's size as the service counts it against its request limit. */
    long bytes() {
        return payload.getBytes(StandardCharsets.UTF_8).length;
    }
}
