package org.funcfabric.launcher.config;

/**
 * Every environment variable the launcher reads, with its default as the user sees it and what it
 * changes. The single list behind {@code funcfabric up --help} and the README's table.
 */
public enum Knob {
    FABRIC_HOME("./var; <repo>/var via ./funcfabric", "run directory: keys, secrets, database, broker journal, logs, endpoint state"),
    FABRIC_LIB_DIR("<launcher jar dir>/lib", "where the broker, service and connector artifacts are"),
    FABRIC_BIND_ADDRESS("127.0.0.1", "address the HTTP listener and the broker acceptor bind to"),
    FABRIC_HTTP_PORT("8080", "HTTP port of the service (Payara Micro)"),
    FABRIC_BROKER_PORT("61616", "port of the Artemis broker"),
    FABRIC_AMQP_PORT("5672", "AMQP 0-9-1 port of the broker process (Globus Compute Executor result queues)"),
    FABRIC_LOCAL_ENDPOINT("local", "name of the local endpoint; empty starts no local endpoint"),
    FABRIC_LOCAL_WORKERS("1", "worker processes of the local endpoint"),
    FABRIC_LOCAL_SLOTS("2", "task slots per worker of the local endpoint"),
    FABRIC_LOCAL_BROKER_URL("the one the service hands out", "broker URL of the local connector and its workers (its --broker-url)"),
    FABRIC_DB_URL("jdbc:h2:file:<FABRIC_HOME>/db/fabric;WRITE_DELAY=0", "JDBC URL of the service database (H2 or PostgreSQL)"),
    FABRIC_DB_USER("fabric", "database user"),
    FABRIC_DB_PASSWORD("generated once, in secrets.properties", "database password"),
    // Heaps sized so that no process of the default stack passes 768 MB resident under load
    // (docs/performance.md): the JVM's default, a quarter of the RAM, lets RSS follow the machine.
    FABRIC_SERVICE_JAVA_OPTS("-Xmx384m -XX:+UseParallelGC", "JVM options of the service process"),
    FABRIC_BROKER_JAVA_OPTS("-Xmx384m -XX:+UseParallelGC", "JVM options of the broker process"),
    FABRIC_HEARTBEAT_PERIOD("30", "seconds between the local connector's heartbeats"),
    FABRIC_HEARTBEAT_THRESHOLD("120", "seconds of silence before the service marks an endpoint offline"),
    FABRIC_PYTHON("the worker's default", "Python interpreter of the local workers (needs dill)"),
    FABRIC_TOKEN_TTL("12h", "lifetime of minted development tokens (s, m, h, d suffixes); up renews var/dev-token at half of it"),
    FABRIC_READY_TIMEOUT("300", "seconds to wait for the service to answer /health/ready"),
    FABRIC_TLS_KEYSTORE("none: no TLS listeners", "PKCS#12 key store; when set, the service also serves HTTPS and the broker a TLS acceptor"),
    FABRIC_TLS_KEYSTORE_PASSWORD("required with FABRIC_TLS_KEYSTORE", "password of the key store and its key"),
    FABRIC_TLS_CERT_ALIAS("funcfabric", "alias of the server key in the key store"),
    FABRIC_TLS_BIND_ADDRESS("FABRIC_BIND_ADDRESS", "address of the HTTPS listener and the broker's TLS acceptor"),
    FABRIC_HTTPS_PORT("8443", "HTTPS port of the service (with FABRIC_TLS_KEYSTORE)"),
    FABRIC_BROKER_TLS_PORT("61617", "TLS port of the broker, the one handed to endpoints (with FABRIC_TLS_KEYSTORE)");

    private final String shownDefault;
    private final String meaning;

    Knob(String shownDefault, String meaning) {
        this.shownDefault = shownDefault;
        this.meaning = meaning;
    }

    public String shownDefault() {
        return shownDefault;
    }

    public String meaning() {
        return meaning;
    }

    /** The knobs as text lines for command help: name and default, then the meaning indented. */
    public static String table() {
        StringBuilder out = new StringBuilder();
        for (Knob k : values()) {
            out.append("  ").append(k.name()).append(" (").append(k.shownDefault).append(")\n");
            out.append("      ").append(k.meaning).append('\n');
        }
        return out.toString();
    }
}
