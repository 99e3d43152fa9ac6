package org.funcfabric.worker.python;

/** No usable Python interpreter; the message says what to fix. */
public final class PythonUnavailableException extends Exception {
    public PythonUnavailableException(String message) {
        super(message);
    }
}
