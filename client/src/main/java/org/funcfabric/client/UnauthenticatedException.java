package org.funcfabric.client;

/** 401: no token, or one the service does not accept (expired, wrong signature or issuer). */
public class UnauthenticatedException extends ServiceRefusedException {
    public UnauthenticatedException(String errorCode, String message) {
        super(errorCode, 401, message);
    }
}
