package org.funcfabric.api;

/** Roles carried in a token's {@code groups} claim. */
public final class Roles {
    /** May use the API: functions, endpoints, tasks. */
    public static final String USER = "user";
    /** May use operational routes. */
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
