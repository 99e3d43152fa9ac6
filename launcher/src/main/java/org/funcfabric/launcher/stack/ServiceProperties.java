package org.funcfabric.launcher.stack;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.funcfabric.launcher.auth.DevTokens;
import org.funcfabric.launcher.config.UpSettings;
import org.funcfabric.launcher.home.RunHome;
import org.funcfabric.launcher.home.Secrets;

/**
 * What Payara Micro is told at start: the system properties the service reads through MicroProfile
 * Config ({@code --systemproperties}, a file so that no password shows in a process listing) and the
 * pre-boot command that binds its HTTP listener (Micro has no bind-address flag).
 */
public final class ServiceProperties {
    static final String H2_DATA_SOURCE = "org.h2.jdbcx.JdbcDataSource";
    static final String POSTGRES_DATA_SOURCE = "org.postgresql.ds.PGSimpleDataSource";
    static final String SERVICE_BROKER_USER = "fabric-service";
    /** How far the service's clock may be behind a token's issuer before {@code exp} counts as passed. */
    static final int CLOCK_SKEW_SECONDS = 30;
    /** The broker process's default AMQP virtual host (FABRIC_AMQP_VHOST unset). */
    static final String AMQP_VIRTUAL_HOST = "funcfabric";
    /**
     * Names the JSON-P provider, which Payara's JWT parser otherwise looks up with a class-path scan
     * ({@code ServiceLoader}) for every request's token: about half a millisecond a request here.
     */
    static final String JSON_PROVIDER = "org.eclipse.parsson.JsonProviderImpl";
    /** The deployed name of the resource adapter: its file name without {@code .rar}. */

    private ServiceProperties() {
    }

    /** The properties, in a stable order. */
    public static Map<String, String> of(UpSettings settings, RunHome home, Secrets secrets) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("fabric.db.class", dataSourceClass(settings.dbUrl()));
        p.put("fabric.db.url", settings.dbUrl());
        p.put("fabric.db.user", settings.dbUser());
        p.put("fabric.db.password", settings.dbPassword().orElse(secrets.dbPassword()));
        p.put("fabric.broker.host", settings.bindAddress());
        p.put("fabric.broker.port", Integer.toString(settings.brokerPort()));
        p.put("fabric.broker.user", SERVICE_BROKER_USER);
        p.put("fabric.broker.password", secrets.brokerServicePassword());
        p.put("fabric.broker.endpoint-key", secrets.brokerEndpointKey());
        p.put("fabric.broker.public-url", settings.publicBrokerUrl());
        p.put("fabric.amqp.url", settings.amqpUrl() + "/" + AMQP_VIRTUAL_HOST);
        p.put("fabric.amqp.public-url", settings.amqpUrl() + "/" + AMQP_VIRTUAL_HOST);
        p.put("fabric.amqp.secret", secrets.amqpSecret());
        p.put("fabric.metrics.scrape-token", secrets.metricsScrapeToken());
        p.put("fabric.endpoint.heartbeat-threshold-s", Integer.toString(settings.heartbeatThresholdSeconds()));
        // Ready means the local endpoint is online too, so a client can submit as soon as it sees 200.
        settings.localEndpoint().ifPresent(name -> p.put("fabric.health.expected-endpoints", DevTokens.DEV_SUBJECT + "/" + name));
        // A URL: Payara reads the location as a class path resource or a URL, never as a plain path.
        p.put("mp.jwt.verify.publickey.location", home.publicKeyFile().toUri().toString());
        settings.tls().ifPresent(tls -> {
            // Payara Micro's HTTPS listener takes its key from the JVM's default key store
            p.put("javax.net.ssl.keyStore", tls.keystore().toString());
            p.put("javax.net.ssl.keyStorePassword", tls.password());
            p.put("javax.net.ssl.keyStoreType", "PKCS12");
        });
        p.put("mp.jwt.verify.issuer", DevTokens.ISSUER);
        p.put("mp.jwt.verify.audiences", DevTokens.AUDIENCE);
        p.put("mp.jwt.verify.clock.skew", Integer.toString(CLOCK_SKEW_SECONDS));
        p.put("jakarta.json.provider", JSON_PROVIDER);
        return p;
    }

    /** The JDBC data source class for a URL: PostgreSQL's for {@code jdbc:postgresql:}, else H2's. */
    public static String dataSourceClass(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:postgresql:") ? POSTGRES_DATA_SOURCE : H2_DATA_SOURCE;
    }

    /**
     * The pre-boot command file of Payara Micro: bind HTTP (and HTTPS, when there is TLS) to the
     * configured address (Micro has no flag for it), and turn off Payara's own health endpoint, which
     * answers "UP" before the WAR is deployed; the WAR serves /health itself (web-api HealthResource).
     */
    public static String prebootCommands(String bindAddress, Optional<String> tlsBindAddress) {
        return listenerAddress("http-listener", bindAddress)
                + tlsBindAddress.map(a -> listenerAddress("https-listener", a)).orElse("")
                + "set-microprofile-healthcheck-configuration --enabled=false\n";
    }

    private static String listenerAddress(String listener, String address) {
        return "set configs.config.server-config.network-config.network-listeners.network-listener."
                + listener + ".address=" + address + "\n";
    }

    /**
     * Renders properties in {@link java.util.Properties#load} syntax, in the map's order and without
     * the timestamp {@code Properties.store} adds, so the file reads like the documentation.
     */
    public static String render(Map<String, String> properties) {
        StringBuilder out = new StringBuilder(
                "# Written by `funcfabric up` on every start; change the FABRIC_* environment instead.\n");
        properties.forEach((k, v) -> out.append(escape(k, true)).append('=').append(escape(v, false)).append('\n'));
        return out.toString();
    }

    private static String escape(String s, boolean key) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\f' -> out.append("\\f");
                case '=', ':', '#', '!' -> out.append(key ? "\\" + c : String.valueOf(c));
                case ' ' -> out.append(key || i == 0 ? "\\ " : " ");
                default -> {
                    // Payara may read the file as ISO-8859-1; \\u escapes survive either reading.
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
