package org.funcfabric.core.token;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** The revocations in force, as sets for a lookup per request. Immutable. */
public final class RevocationList {
    public static final RevocationList EMPTY = new RevocationList(Set.of(), Map.of());

    private final Set<String> jtis;
    /** Per subject, the latest {@code issued_before}: tokens issued earlier are revoked. */
    private final Map<String, Long> issuedBefore;

    private RevocationList(Set<String> jtis, Map<String, Long> issuedBefore) {
        this.jtis = jtis;
        this.issuedBefore = issuedBefore;
    }

    public static RevocationList of(Collection<TokenRevocation> revocations) {
        Set<String> jtis = new HashSet<>();
        Map<String, Long> before = new HashMap<>();
        for (TokenRevocation r : revocations) {
            r.jti().ifPresent(jtis::add);
            r.subject().ifPresent(s -> before.merge(s, r.issuedBefore().orElseThrow(), Math::max));
        }
        return new RevocationList(Set.copyOf(jtis), Map.copyOf(before));
    }

    /**
     * @param jti      the token's {@code jti}, or null when it has none
     * @param subject  its {@code sub}
     * @param issuedAt its {@code iat} in epoch seconds, or 0 when it has none (then a revocation of
     *                 the subject covers it)
     */
    public boolean revokes(String jti, String subject, long issuedAt) {
        if (jti != null && jtis.contains(jti)) {
            return true;
        }
        Long before = subject == null ? null : issuedBefore.get(subject);
        return before != null && issuedAt < before;
    }
}
