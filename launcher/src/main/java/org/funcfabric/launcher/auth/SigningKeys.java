package org.funcfabric.launcher.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

import org.funcfabric.launcher.config.ConfigException;
import org.funcfabric.launcher.home.RunHome;
import org.jose4j.keys.RsaKeyUtil;
import org.jose4j.lang.JoseException;

/**
 * The RSA key pair behind development tokens: the private half signs (PKCS#8 PEM, owner-only), the
 * public half is what the service's {@code mp.jwt.verify.publickey.location} points at (X.509
 * SubjectPublicKeyInfo PEM). Generated once per run directory and kept, so tokens minted earlier
 * stay valid across restarts.
 */
public final class SigningKeys {
    static final int KEY_BITS = 2048;

    private final PrivateKey privateKey;
    private final RSAPublicKey publicKey;
    private final boolean generated;

    private SigningKeys(PrivateKey privateKey, RSAPublicKey publicKey, boolean generated) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.generated = generated;
    }

    /**
     * Loads the key pair, generating and writing it when the private key file does not exist yet. A
     * missing public key file is rewritten from the private key.
     */
    public static SigningKeys loadOrGenerate(Path privateFile, Path publicFile) {
        try {
            if (!Files.exists(privateFile)) {
                KeyPair pair = new RsaKeyUtil().generateKeyPair(KEY_BITS);
                RunHome.writePrivate(privateFile, privatePem(pair.getPrivate()));
                RunHome.writePrivate(publicFile, RsaKeyUtil.pemEncode(pair.getPublic()) + "\n");
                return new SigningKeys(pair.getPrivate(), (RSAPublicKey) pair.getPublic(), true);
            }
            PrivateKey priv = readPrivate(privateFile);
            RSAPublicKey pub = publicOf(priv);
            if (!Files.exists(publicFile)) {
                RunHome.writePrivate(publicFile, RsaKeyUtil.pemEncode(pub) + "\n");
            }
            return new SigningKeys(priv, pub, false);
        } catch (JoseException e) {
            throw new IllegalStateException("this JVM cannot generate RSA keys", e);
        }
    }

    /**
     * Loads the existing private key, for minting tokens without starting anything.
     *
     * @throws ConfigException when there is no key yet
     */
    public static SigningKeys load(Path privateFile) {
        if (!Files.isRegularFile(privateFile)) {
            throw new ConfigException("no signing key at " + privateFile
                    + ": run `funcfabric up` once with this FABRIC_HOME to generate it");
        }
        PrivateKey priv = readPrivate(privateFile);
        return new SigningKeys(priv, publicOf(priv), false);
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public RSAPublicKey publicKey() {
        return publicKey;
    }

    /** True when this call created the key pair. */
    public boolean generated() {
        return generated;
    }

    /** Reads an X.509 SubjectPublicKeyInfo PEM file, as the service does. */
    public static RSAPublicKey readPublic(Path file) {
        try {
            return (RSAPublicKey) new RsaKeyUtil().fromPemEncoded(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (JoseException | GeneralSecurityException e) {
            throw new ConfigException("the public key " + file + " is damaged: delete the keys directory and restart", e);
        }
    }

    static String privatePem(PrivateKey key) {
        // Key#getEncoded of an RSA private key is PKCS#8, the form every PEM reader accepts.
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
    }

    static PrivateKey readPrivate(Path file) {
        try {
            String pem = Files.readString(file, StandardCharsets.US_ASCII);
            String body = pem.replace("-----BEGIN PRIVATE KEY-----", "")
                    .replace("-----END PRIVATE KEY-----", "")
                    .replaceAll("\\s", "");
            byte[] der = Base64.getDecoder().decode(body);
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new ConfigException("the signing key " + file
                    + " is not a PKCS#8 RSA key: delete the keys directory and restart", e);
        }
    }

    private static RSAPublicKey publicOf(PrivateKey key) {
        if (!(key instanceof RSAPrivateCrtKey crt)) {
            throw new ConfigException("the signing key has no public part: delete the keys directory and restart");
        }
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot rebuild an RSA public key", e);
        }
    }
}
