package org.funcfabric.core.common;

import java.util.Objects;
import java.util.Set;

/**
 * The authenticated user a request acts for: the token's subject and its groups. Services take it
 * explicitly so every ownership check is visible in the code that makes it.
 */
public record Caller(String subject, Set<String> groups) {
    public Caller {
        Objects.requireNonNull(subject, "subject");
        groups = groups == null ? Set.of() : Set.copyOf(groups);
    }

    public boolean owns(String owner) {
        return subject.equals(owner);
    }
}
