package org.funcfabric.launcher.home;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * The passwords the launcher invents for its own processes: the broker's service user, the H2 database,
 * the key every endpoint's broker credential is derived from, and the key the per-user AMQP
 * result-queue passwords are derived from, and the token a metrics scraper presents. Generated on first start and kept in {@code secrets.properties} (owner-only),
 * because the broker journal and the database file remember them: a second start must reuse them.
 * Never printed.
 */
public final class Secrets {
    static final String BROKER_SERVICE_PASSWORD = "broker.service.password";
    static final String BROKER_ENDPOINT_KEY = "broker.endpoint.key";
    static final String DB_PASSWORD = "db.password";
    static final String AMQP_SECRET = "amqp.secret";
    /** The property of the metrics scrape token, for the documentation and the start log. */
    public static final String METRICS_SCRAPE_TOKEN = "metrics.scrape-token";
    private static final String[] KEYS = {BROKER_SERVICE_PASSWORD, BROKER_ENDPOINT_KEY, DB_PASSWORD, AMQP_SECRET,
            METRICS_SCRAPE_TOKEN};

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Properties values;
    private final boolean generated;

    private Secrets(Properties values, boolean generated) {
        this.values = values;
        this.generated = generated;
    }

    /**
     * Reads the secrets file, generating and saving whatever it lacks (all of it on first start).
     */
    public static Secrets loadOrCreate(Path file) {
        Properties p = new Properties();
        try {
            if (Files.exists(file)) {
                try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    p.load(r);
                }
            }
            boolean generated = false;
            for (String key : KEYS) {
                if (p.getProperty(key, "").isBlank()) {
                    p.setProperty(key, randomPassword());
                    generated = true;
                }
            }
            if (generated) {
                StringWriter out = new StringWriter();
                p.store(out, "FuncFabric generated secrets: keep private, keep with the data of this run directory");
                RunHome.writePrivate(file, out.toString());
            }
            return new Secrets(p, generated);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** True when this call generated at least one secret. */
    public boolean generated() {
        return generated;
    }

    public String brokerServicePassword() {
        return values.getProperty(BROKER_SERVICE_PASSWORD);
    }

    /** Kept across restarts: the endpoints' broker credentials stay valid while the broker and service restart. */
    public String brokerEndpointKey() {
        return values.getProperty(BROKER_ENDPOINT_KEY);
    }

    public String dbPassword() {
        return values.getProperty(DB_PASSWORD);
    }

    /** Kept across restarts: result-queue users keep their passwords while the service runs. */
    public String amqpSecret() {
        return values.getProperty(AMQP_SECRET);
    }

    /** What a Prometheus scraper presents to read /metrics ({@code Authorization: Scrape <token>}). */
    public String metricsScrapeToken() {
        return values.getProperty(METRICS_SCRAPE_TOKEN);
    }

    // 192 bits, URL-safe: no character needs quoting in a properties file, a URL or an environment.
    private static String randomPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "Secrets[redacted]";
    }
}
