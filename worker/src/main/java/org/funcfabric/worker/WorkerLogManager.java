package org.funcfabric.worker;

import java.util.logging.LogManager;

/**
 * A {@link LogManager} that keeps its handlers once the worker's logging is configured. The JDK's own
 * shutdown hook resets logging, racing the worker's shutdown hook, and would silence the lines that
 * say how a stop went. Installed by {@link Main} through {@code java.util.logging.manager}.
 */
public final class WorkerLogManager extends LogManager {
    private volatile boolean keepHandlers;

    @Override
    public void reset() {
        if (!keepHandlers) {
            super.reset();
        }
    }

    void keepHandlers() {
        keepHandlers = true;
    }
}
