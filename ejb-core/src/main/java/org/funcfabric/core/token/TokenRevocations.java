package org.funcfabric.core.token;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.funcfabric.core.common.ErrorCode;
import org.funcfabric.core.common.FabricException;

/**
 * Revokes bearer tokens before they expire, and answers for every authenticated request whether its
 * token is revoked. The answer comes from an in-memory copy of the list, so a request costs a set
 * lookup; the copy is reloaded at once after a revocation here and every
 * {@code fabric.auth.revocations-refresh-s} seconds, so revocations made by another service instance
 * on the same database take effect within that time.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class TokenRevocations {
    @PersistenceContext(unitName = "fabric")
    private EntityManager em;

    @Inject
    @ConfigProperty(name = "fabric.auth.revocations-refresh-s", defaultValue = "5")
    long refreshSeconds;

    private final Clock clock = Clock.systemUTC();
    private volatile RevocationList list = RevocationList.EMPTY;
    /** Zero until the first request loads the list (the schema is migrated by then). */
    private volatile long loadedAt;

    private void load() {
        list = RevocationList.of(em.createNamedQuery("TokenRevocation.all", TokenRevocation.class).getResultList());
        loadedAt = clock.millis();
    }

    /** Whether the token with these claims is revoked; see {@link RevocationList#revokes}. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public boolean isRevoked(String jti, String subject, long issuedAt) {
        if (loadedAt == 0 || clock.millis() - loadedAt > Duration.ofSeconds(refreshSeconds).toMillis()) {
            load();
        }
        return list.revokes(jti, subject, issuedAt);
    }

    /** Revokes the one token with this {@code jti}. */
    public TokenRevocation revokeToken(String jti) {
        if (jti == null || jti.isBlank()) {
            throw new FabricException(ErrorCode.REQUEST_KEY_ERROR, "'jti' is empty");
        }
        return save(TokenRevocation.ofToken(jti.strip(), clock.millis()));
    }

    /**
     * Revokes every token of {@code subject} issued before {@code issuedBefore} (epoch seconds; null
     * means now, i.e. all of the user's current tokens).
     */
    public TokenRevocation revokeSubject(String subject, Long issuedBefore) {
        if (subject == null || subject.isBlank()) {
            throw new FabricException(ErrorCode.REQUEST_KEY_ERROR, "'sub' is empty");
        }
        // iat has second precision: "now" must also cover a token issued earlier in this second
        long before = issuedBefore != null ? issuedBefore : clock.instant().getEpochSecond() + 1;
        return save(TokenRevocation.ofSubject(subject.strip(), before, clock.millis()));
    }

    private TokenRevocation save(TokenRevocation revocation) {
        em.persist(revocation);
        em.flush();
        load();
        return revocation;
    }
}
