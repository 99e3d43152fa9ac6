package org.funcfabric.launcher.config;

/**
 * A configuration or installation problem the user must fix before the launcher can go on. The
 * message is one line that names what to change; the command prints it on stderr and exits with 2.
 */
public class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
