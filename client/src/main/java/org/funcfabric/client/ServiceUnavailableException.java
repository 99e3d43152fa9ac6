package org.funcfabric.client;

/**
 * The service could not be reached or answered 5xx. For a submission, a 503 means nothing was
 * accepted; a connection lost after the request was sent leaves its fate unknown.
 */
public class ServiceUnavailableException extends FuncFabricException {
    public ServiceUnavailableException(String errorCode, int httpStatus, String message, Throwable cause) {
        super(errorCode, httpStatus, message, cause);
    }
}
