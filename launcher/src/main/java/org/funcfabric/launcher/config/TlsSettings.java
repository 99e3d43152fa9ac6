package org.funcfabric.launcher.config;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The optional TLS listeners of {@code funcfabric up}: HTTPS for the API and a TLS acceptor of the
 * broker for remote endpoints, both with one PKCS#12 key store. They come in addition to the plain
 * listeners, which keep serving the local endpoint on {@code FABRIC_BIND_ADDRESS} (loopback by
 * default), so an operator exposes only the TLS ones.
 *
 * @param keystore    PKCS#12 file with the server's key and certificate chain
 * @param password    its password (also the key's)
 * @param certAlias   the key's alias in it
 * @param bindAddress address of the TLS listeners
 * @param httpsPort   HTTPS port of the service
 * @param brokerPort  TLS port of the broker, handed to endpoints at registration
 */
public record TlsSettings(Path keystore, String password, String certAlias, String bindAddress, int httpsPort,
                          int brokerPort) {

    /** Read when {@code FABRIC_TLS_KEYSTORE} is set; checked so that a typo fails before anything starts. */
    static TlsSettings from(Knobs knobs, String defaultBindAddress) {
        Path keystore = knobs.path(Knob.FABRIC_TLS_KEYSTORE, "");
        if (!Files.isReadable(keystore)) {
            throw new ConfigException("FABRIC_TLS_KEYSTORE=" + keystore + " is not a readable file: set it to a PKCS#12 key store");
        }
        String password = knobs.string(Knob.FABRIC_TLS_KEYSTORE_PASSWORD, "");
        if (password.isEmpty()) {
            throw new ConfigException("FABRIC_TLS_KEYSTORE_PASSWORD is not set: set it to the password of " + keystore);
        }
        return new TlsSettings(keystore, password, knobs.string(Knob.FABRIC_TLS_CERT_ALIAS, "funcfabric"),
                knobs.string(Knob.FABRIC_TLS_BIND_ADDRESS, defaultBindAddress),
                knobs.port(Knob.FABRIC_HTTPS_PORT, 8443), knobs.port(Knob.FABRIC_BROKER_TLS_PORT, 61617));
    }

    /** Without the password. */
    @Override
    public String toString() {
        return "TlsSettings[keystore=" + keystore + ", alias=" + certAlias + ", " + bindAddress + ":" + httpsPort
                + "/" + brokerPort + "]";
    }
}
