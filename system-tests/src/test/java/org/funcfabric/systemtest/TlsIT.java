package org.funcfabric.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.funcfabric.systemtest.support.ApiResponse;
import org.funcfabric.systemtest.support.Buffers;
import org.funcfabric.systemtest.support.FabricStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code ./funcfabric up} with {@code FABRIC_TLS_KEYSTORE}: the API over HTTPS and a TLS acceptor of the
 * broker, which the service hands to endpoints, beside the plain listeners the local endpoint keeps using.
 * The key store is a self-signed one made with the JDK's keytool.
 */
class TlsIT {
    private static final String PASSWORD = "tls-it-secret";
    private static final Path KEYSTORE = selfSignedKeyStore();
    private static final int HTTPS_PORT = freePort();
    private static final int BROKER_TLS_PORT = freePort();

    @RegisterExtension
    static final FabricStack STACK = FabricStack.withSlots(1)
            .withEnvironment("FABRIC_TLS_KEYSTORE", KEYSTORE.toString())
            .withEnvironment("FABRIC_TLS_KEYSTORE_PASSWORD", PASSWORD)
            .withEnvironment("FABRIC_HTTPS_PORT", Integer.toString(HTTPS_PORT))
            .withEnvironment("FABRIC_BROKER_TLS_PORT", Integer.toString(BROKER_TLS_PORT));

    private final HttpClient https = HttpClient.newBuilder().sslContext(trustingOurCertificate())
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base = URI.create("https://127.0.0.1:" + HTTPS_PORT);

    @Test
    void theApiAnswersOverHttpsAndATaskRunsThroughIt() throws Exception {
        assertEquals(200, get("/v2/version").statusCode());
        assertEquals(401, get("/v2/endpoints?role=owner").statusCode());

        String function = STACK.api().registerFunction("tls-echo", Buffers.shellFunction("echo {0}", 5));
        JsonObject submit = Json.createObjectBuilder().add("tasks", Json.createObjectBuilder()
                .add(function, Json.createArrayBuilder().add(Buffers.args("over-tls")))).build();
        HttpResponse<String> submitted = https.send(authorized("/v3/endpoints/" + STACK.endpointId() + "/submit")
                .POST(HttpRequest.BodyPublishers.ofString(submit.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, submitted.statusCode(), submitted::body);
        String task = new ApiResponse("submit", 200, "application/json", submitted.body()).object()
                .getJsonObject("tasks").getJsonArray(function).getString(0);
        JsonObject done = STACK.api().awaitTerminal(task, Duration.ofSeconds(60));
        assertEquals("success", done.getString("status"), done::toString);
        assertTrue(Buffers.decodeResult(done.getString("result")).toString().contains("over-tls"), done::toString);
    }

    @Test
    void plainHttpIsNotSpokenOnTheHttpsPort() {
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTPS_PORT + "/v2/version"))
                .timeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> r = plain.send(request, HttpResponse.BodyHandlers.ofString());
            assertTrue(r.statusCode() >= 400, "plain HTTP answered " + r.statusCode() + " on the HTTPS port");
        } catch (IOException e) {
            // refused at the TLS handshake: also right
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void endpointsAreHandedTheBrokersTlsAcceptorAndItAcceptsTheirCredential() throws Exception {
        HttpResponse<String> r = https.send(authorized("/v3/endpoints").POST(HttpRequest.BodyPublishers.ofString(
                Json.createObjectBuilder().add("endpoint_name", "remote-" + UUID.randomUUID()).build().toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r::body);
        JsonObject queue = new ApiResponse("register", 200, "application/json", r.body()).object()
                .getJsonObject("task_queue_info");
        String url = queue.getString("connection_url");
        assertEquals("tcp://127.0.0.1:" + BROKER_TLS_PORT + "?sslEnabled=true", url);

        String trust = ";trustStorePath=" + KEYSTORE + ";trustStorePassword=" + PASSWORD + ";trustStoreType=PKCS12";
        try (JMSContext jms = new ActiveMQConnectionFactory(url + trust).createContext(queue.getString("username"),
                queue.getString("password"), JMSContext.AUTO_ACKNOWLEDGE)) {
            jms.createConsumer(jms.createQueue(queue.getString("queue"))).close();
        }
        ActiveMQConnectionFactory plain = new ActiveMQConnectionFactory(
                "tcp://127.0.0.1:" + BROKER_TLS_PORT + "?initialConnectAttempts=1;callTimeout=5000");
        assertThrows(JMSRuntimeException.class, () -> plain.createContext(queue.getString("username"),
                queue.getString("password")).close(), "a plain connection to the TLS acceptor");
    }

    // --- helpers ------------------------------------------------------------------------------

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return https.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + STACK.token()).header("Content-Type", "application/json");
    }

    private static SSLContext trustingOurCertificate() {
        try (InputStream in = Files.newInputStream(KEYSTORE)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot trust " + KEYSTORE, e);
        }
    }

    /** A PKCS#12 key store with a self-signed certificate for 127.0.0.1 and localhost, made by keytool. */
    private static Path selfSignedKeyStore() {
        try {
            Path dir = Files.createTempDirectory("fabric-tls-it");
            Path keystore = dir.resolve("server.p12");
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            Process p = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "funcfabric",
                    "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost",
                    "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                    "-storepass", PASSWORD, "-keypass", PASSWORD)).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            return keystore;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
