package org.funcfabric.broker.security;

import java.util.Objects;

/**
 * A user name and password the broker accepts.
 *
 * @param user     the broker user name
 * @param password its password; never printed by {@link #toString()}
 */
public record BrokerCredential(String user, String password) {
    public BrokerCredential {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "BrokerCredential[user=" + user + "]";
    }
}
