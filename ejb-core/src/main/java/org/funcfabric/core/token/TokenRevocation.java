package org.funcfabric.core.token;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.util.Optional;
import org.funcfabric.core.common.Uuids;

/** One revocation: a single token by its {@code jti}, or all of a user's tokens issued before a time. */
@Entity
@Table(name = "token_revocations")
@NamedQuery(name = "TokenRevocation.all", query = "SELECT r FROM TokenRevocation r")
public class TokenRevocation {
    @Id
    private String id;
    private String jti;
    private String subject;
    /** Epoch seconds, compared with a token's {@code iat}. */
    @Column(name = "issued_before")
    private Long issuedBefore;
    /** Epoch milliseconds. */
    @Column(name = "revoked_at")
    private long revokedAt;

    protected TokenRevocation() {
    }

    private TokenRevocation(String jti, String subject, Long issuedBefore, long revokedAt) {
        this.id = Uuids.random();
        this.jti = jti;
        this.subject = subject;
        this.issuedBefore = issuedBefore;
        this.revokedAt = revokedAt;
    }

    public static TokenRevocation ofToken(String jti, long revokedAt) {
        return new TokenRevocation(jti, null, null, revokedAt);
    }

    public static TokenRevocation ofSubject(String subject, long issuedBefore, long revokedAt) {
        return new TokenRevocation(null, subject, issuedBefore, revokedAt);
    }

    public Optional<String> jti() {
        return Optional.ofNullable(jti);
    }

    public Optional<String> subject() {
        return Optional.ofNullable(subject);
    }

    public Optional<Long> issuedBefore() {
        return Optional.ofNullable(issuedBefore);
    }

    public long revokedAt() {
        return revokedAt;
    }
}
