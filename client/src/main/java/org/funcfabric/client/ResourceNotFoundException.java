package org.funcfabric.client;

/**
 * 404: no such function, endpoint, task or task group for the caller (others' resources look the
 * same as missing ones), or a route this service does not have ({@code ROUTE_NOT_FOUND}).
 */
public class ResourceNotFoundException extends ServiceRefusedException {
    public ResourceNotFoundException(String errorCode, String message) {
        super(errorCode, 404, message);
    }
}
