package org.funcfabric.broker;

/**
 * The broker cannot start because of something the operator must fix (a missing or bad setting, a
 * port in use). The message is the whole advice, printed as one line.
 */
public class BrokerConfigException extends RuntimeException {
    public BrokerConfigException(String message) {
        super(message);
    }

    public BrokerConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
