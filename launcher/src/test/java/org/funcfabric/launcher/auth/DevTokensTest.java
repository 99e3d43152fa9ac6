package org.funcfabric.launcher.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevTokensTest {
    @TempDir
    Path dir;

    private Path privateFile() {
        return dir.resolve("keys/jwt-private.pem");
    }

    private Path publicFile() {
        return dir.resolve("keys/jwt-public.pem");
    }

    /** Verifies like the service: the public key from its PEM file, RS256 only, issuer and expiry checked. */
    private JwtConsumer serviceLikeConsumer() {
        return new JwtConsumerBuilder()
                .setVerificationKey(SigningKeys.readPublic(publicFile()))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
                .setExpectedIssuer(DevTokens.ISSUER)
                .setExpectedAudience(DevTokens.AUDIENCE)
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setRequireJwtId()
                .build();
    }

    @Test
    void keyPairIsWrittenAsPemWithAPrivateFileOnlyTheOwnerReads() throws Exception {
        SigningKeys keys = SigningKeys.loadOrGenerate(privateFile(), publicFile());

        assertTrue(keys.generated());
        assertEquals(2048, keys.publicKey().getModulus().bitLength());
        String priv = Files.readString(privateFile());
        String pub = Files.readString(publicFile());
        assertTrue(priv.startsWith("-----BEGIN PRIVATE KEY-----\n"), priv);
        assertTrue(pub.startsWith("-----BEGIN PUBLIC KEY-----"), pub);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(privateFile())));
        assertEquals(keys.publicKey(), SigningKeys.readPublic(publicFile()));
    }

    @Test
    void keyPairIsKeptOnTheNextStart() throws Exception {
        SigningKeys first = SigningKeys.loadOrGenerate(privateFile(), publicFile());
        String pemBefore = Files.readString(privateFile());

        SigningKeys second = SigningKeys.loadOrGenerate(privateFile(), publicFile());

        assertFalse(second.generated());
        assertEquals(pemBefore, Files.readString(privateFile()));
        assertEquals(first.publicKey(), second.publicKey());
        assertEquals(first.privateKey(), second.privateKey());
    }

    @Test
    void mintedTokenVerifiesAgainstTheWrittenPublicKeyWithTheServiceClaims() throws Exception {
        SigningKeys keys = SigningKeys.loadOrGenerate(privateFile(), publicFile());
        long before = NumericDate.now().getValue();

        String token = new DevTokens(keys.privateKey()).mint("dev", List.of("user", "admin"), Duration.ofDays(30));

        JwtClaims claims = serviceLikeConsumer().processToClaims(token);
        assertEquals("funcfabric-dev", claims.getIssuer());
        assertEquals("dev", claims.getSubject());
        assertEquals("dev", claims.getStringClaimValue("upn"));
        assertEquals(List.of("user", "admin"), claims.getStringListClaimValue("groups"));
        assertNotNull(claims.getJwtId());
        long iat = claims.getIssuedAt().getValue();
        assertTrue(iat >= before && iat <= NumericDate.now().getValue());
        assertEquals(iat + Duration.ofDays(30).toSeconds(), claims.getExpirationTime().getValue());
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(token);
        assertEquals("RS256", jws.getAlgorithmHeaderValue());
    }

    @Test
    void tokensHaveDistinctIds() throws Exception {
        DevTokens tokens = new DevTokens(SigningKeys.loadOrGenerate(privateFile(), publicFile()).privateKey());
        JwtConsumer consumer = serviceLikeConsumer();

        String a = consumer.processToClaims(tokens.mint("alice", List.of("user"), Duration.ofHours(1))).getJwtId();
        String b = consumer.processToClaims(tokens.mint("alice", List.of("user"), Duration.ofHours(1))).getJwtId();

        assertFalse(a.equals(b));
    }

    @Test
    void expiredTokenIsRejected() throws Exception {
        DevTokens tokens = new DevTokens(SigningKeys.loadOrGenerate(privateFile(), publicFile()).privateKey());
        String token = tokens.mint("dev", List.of("user"), Duration.ofSeconds(1));
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setVerificationKey(SigningKeys.readPublic(publicFile()))
                .setExpectedIssuer(DevTokens.ISSUER)
                .setExpectedAudience(DevTokens.AUDIENCE)
                .setEvaluationTime(NumericDate.fromSeconds(NumericDate.now().getValue() + 120))
                .build();

        InvalidJwtException e = assertThrows(InvalidJwtException.class, () -> consumer.processToClaims(token));
        assertTrue(e.hasExpired());
    }

    @Test
    void tokenSignedWithAnotherKeyIsRejected() throws Exception {
        SigningKeys.loadOrGenerate(privateFile(), publicFile());
        Path other = dir.resolve("other");
        SigningKeys stranger = SigningKeys.loadOrGenerate(other.resolve("p.pem"), other.resolve("q.pem"));
        String token = new DevTokens(stranger.privateKey()).mint("dev", List.of("admin"), Duration.ofHours(1));

        assertThrows(InvalidJwtException.class, () -> serviceLikeConsumer().processToClaims(token));
    }
}
