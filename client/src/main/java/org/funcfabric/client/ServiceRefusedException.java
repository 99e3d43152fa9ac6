package org.funcfabric.client;

/**
 * The service answered 4xx: the request is wrong, not allowed, or names something that does not
 * exist for the caller. Sending it again unchanged gives the same answer (429 aside).
 */
public class ServiceRefusedException extends FuncFabricException {
    public ServiceRefusedException(String errorCode, int httpStatus, String message) {
        super(errorCode, httpStatus, message);
    }
}
