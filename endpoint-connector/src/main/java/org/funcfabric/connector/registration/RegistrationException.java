package org.funcfabric.connector.registration;

/**
 * Registration failed. {@link #mustFixConfiguration()} tells whether the user has to change
 * something (token, name, service URL) before trying again, as opposed to a failure of the service.
 */
public class RegistrationException extends RuntimeException {
    private final boolean mustFixConfiguration;

    public RegistrationException(String message, boolean mustFixConfiguration) {
        super(message);
        this.mustFixConfiguration = mustFixConfiguration;
    }

    public RegistrationException(String message, boolean mustFixConfiguration, Throwable cause) {
        super(message, cause);
        this.mustFixConfiguration = mustFixConfiguration;
    }

    public boolean mustFixConfiguration() {
        return mustFixConfiguration;
    }
}
