package org.funcfabric.client;

/** 403: the caller sees the resource but may not do this with it, or lacks the role. */
public class AccessDeniedException extends ServiceRefusedException {
    public AccessDeniedException(String errorCode, String message) {
        super(errorCode, 403, message);
    }
}
