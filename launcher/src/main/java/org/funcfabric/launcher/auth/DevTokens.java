package org.funcfabric.launcher.auth;

import java.security.PrivateKey;
import java.time.Duration;
import java.util.List;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * Mints development JWTs the service accepts: RS256-signed MicroProfile JWTs with the issuer the
 * service is configured to trust. For a single-user installation and tests; real deployments take
 * tokens from their identity provider.
 */
public final class DevTokens {
    /** The issuer written into tokens and into the service's {@code mp.jwt.verify.issuer}. */
    public static final String ISSUER = "funcfabric-dev";
    /**
     * The audience written into tokens and required by the service ({@code mp.jwt.verify.audiences}):
     * a token the same key signed for something else is refused.
     */
    public static final String AUDIENCE = "funcfabric";
    /** The user the development token of {@code up} is for; it owns the local endpoint. */
    public static final String DEV_SUBJECT = "dev";

    private final PrivateKey signingKey;

    public DevTokens(PrivateKey signingKey) {
        this.signingKey = signingKey;
    }

    /**
     * @param subject user id: both {@code sub} and {@code upn} (MP JWT takes the caller name from upn)
     * @param groups  roles and group memberships, the {@code groups} claim
     * @param ttl     lifetime from now
     * @return the compact serialization
     */
    public String mint(String subject, List<String> groups, Duration ttl) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setAudience(AUDIENCE);
        claims.setSubject(subject);
        claims.setClaim("upn", subject);
        claims.setStringListClaim("groups", List.copyOf(groups));
        NumericDate now = NumericDate.now();
        claims.setIssuedAt(now);
        NumericDate exp = NumericDate.fromSeconds(now.getValue());
        exp.addSeconds(ttl.toSeconds());
        claims.setExpirationTime(exp);
        claims.setGeneratedJwtId();

        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(signingKey);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign a token with the development key", e);
        }
    }
}
