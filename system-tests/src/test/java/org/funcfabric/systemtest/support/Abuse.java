package org.funcfabric.systemtest.support;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;

/**
 * The engine of {@code AbuseIT}: sends {@link Probe}s (over {@link HttpClient}, or a raw socket where
 * the request is not one {@code HttpClient} would send), a few at a time, and checks every answer:
 * never a 5xx; every 4xx the API.md envelope with {@code http_status_code} equal to the status; a 429
 * only on submit-type routes and with {@code Retry-After}; the probe's own expectation (401, 403, a
 * refusal); and, for anyone but the owner, none of the owner's secrets in the body unless the request
 * itself carried them. Counts status codes and violations per category.
 */
public final class Abuse implements AutoCloseable {
    /** What a probe must get besides the checks every answer gets. */
    public enum Expect {
        /** Anything but a 5xx. */
        ANY,
        /** A refusal: any 4xx (another user's resource). */
        REFUSED,
        /** 401 USER_UNAUTHENTICATED or INVALID_AUTH_TOKEN. */
        UNAUTHENTICATED,
        /** 403 INSUFFICIENT_AUTH_SCOPE. */
        NO_SCOPE
    }

    /** One request to send, with what is tolerated of its answer. */
    public static final class Probe {
        final String category;
        final String method;
        final String path;
        String actor = "anonymous";
        String authorization;
        boolean checkLeaks = true;
        byte[] body;
        String contentType;
        String accept = "application/json";
        final List<String[]> headers = new ArrayList<>();
        byte[] rawRequest;
        Expect expect = Expect.ANY;
        boolean submitType;
        boolean containerMayReject;
        boolean mayDropConnection;
        boolean verbose;
        Duration timeout = Duration.ofSeconds(30);

        private Probe(String category, String method, String path) {
            this.category = category;
            this.method = method;
            this.path = path;
        }

        public static Probe of(String category, String method, String path) {
            return new Probe(category, method, path);
        }

        /** Acts as {@code actor} with {@code token} (null: no Authorization header); leaks are checked unless it is the owner. */
        public Probe as(String actor, String token, boolean owner) {
            this.actor = actor;
            this.authorization = token == null ? null : "Bearer " + token;
            this.checkLeaks = !owner;
            return this;
        }

        /** The whole Authorization header value (null: none). */
        public Probe authorization(String value) {
            this.authorization = value;
            return this;
        }

        public Probe json(String json) {
            return body(json.getBytes(StandardCharsets.UTF_8), "application/json");
        }

        public Probe body(byte[] bytes, String type) {
            this.body = bytes;
            this.contentType = type;
            return this;
        }

        public Probe accept(String value) {
            this.accept = value;
            return this;
        }

        public Probe header(String name, String value) {
            headers.add(new String[] {name, value});
            return this;
        }

        /** Sends these bytes over a socket instead, as they are (they should say {@code Connection: close}). */
        public Probe raw(byte[] request) {
            this.rawRequest = request;
            return this;
        }

        public Probe expect(Expect e) {
            this.expect = e;
            return this;
        }

        /** A route where a 429 MAX_REQUESTS_EXCEEDED (rate limit) is a fair answer. */
        public Probe submitType(boolean b) {
            this.submitType = b;
            return this;
        }

        /**
         * The request is malformed at the HTTP level (request line, URI encoding, header size): the
         * container may refuse it itself, before any application code runs, with an empty 4xx.
         */
        public Probe containerMayReject() {
            this.containerMayReject = true;
            return this;
        }

        /** The server may close the connection instead of answering (an oversized or stalled upload). */
        public Probe mayDropConnection() {
            this.mayDropConnection = true;
            return this;
        }

        /** Prints the answer (for the few, large probes worth reading one by one). */
        public Probe verbose() {
            this.verbose = true;
            return this;
        }

        public Probe timeout(Duration t) {
            this.timeout = t;
            return this;
        }

        String describe() {
            String p = path.length() > 120 ? path.substring(0, 120) + "…(" + path.length() + " chars)" : path;
            return category + " [" + actor + "] " + method + " " + p
                    + (body == null ? "" : " body " + preview(body, 100) + (contentType == null ? "" : " (" + contentType + ")"));
        }

        String requestText() {
            StringBuilder s = new StringBuilder();
            if (rawRequest != null) {
                s.append(new String(rawRequest, StandardCharsets.ISO_8859_1));
            } else {
                s.append(path).append('\n');
                if (authorization != null) {
                    s.append(authorization).append('\n');
                }
                headers.forEach(h -> s.append(h[0]).append(": ").append(h[1]).append('\n'));
                if (body != null) {
                    s.append(new String(body, StandardCharsets.UTF_8));
                }
            }
            String text = s.toString();
            try {
                text = text + "\n" + URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                // not decodable as a whole: the raw text stands
            }
            return text.toLowerCase(Locale.ROOT);
        }
    }

    /** What one category saw. */
    public static final class Tally {
        final String category;
        final AtomicLong sent = new AtomicLong();
        final Map<String, AtomicLong> statuses = new TreeMap<>();
        final AtomicLong violations = new AtomicLong();
        final List<String> examples = new ArrayList<>();
        final long startNanos = System.nanoTime();
        volatile long endNanos;

        Tally(String category) {
            this.category = category;
        }

        synchronized void count(String status) {
            statuses.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
        }

        private final Map<String, Boolean> kinds = new LinkedHashMap<>();

        synchronized void violation(String message) {
            violations.incrementAndGet();
            // the first few, then the first of each kind of problem (the text after the last " -> ")
            String kind = message.substring(message.lastIndexOf(" -> ") + 4).replaceAll("[0-9a-f-]{36}", "")
                    .replaceAll("\\{.*", "");
            kind = kind.substring(0, Math.min(kind.length(), 60));
            if (examples.size() < 12 || (kinds.putIfAbsent(kind, true) == null && examples.size() < 40)) {
                examples.add(message);
            }
        }

        public long sent() {
            return sent.get();
        }

        public long violations() {
            return violations.get();
        }

        public synchronized List<String> examples() {
            return List.copyOf(examples);
        }

        public synchronized String statusSummary() {
            StringBuilder s = new StringBuilder();
            statuses.forEach((k, v) -> s.append(s.length() == 0 ? "" : ", ").append(k).append(": ").append(v.get()));
            return s.toString();
        }
    }

    private static final Set<String> UNAUTHENTICATED_CODES = Set.of("USER_UNAUTHENTICATED", "INVALID_AUTH_TOKEN");

    private final HttpClient http;
    private final URI base;
    private final RawHttp raw;
    private final ExecutorService pool;
    private final int concurrency;
    private final Map<String, Tally> tallies = new LinkedHashMap<>();
    private volatile List<String> secrets = List.of();

    public Abuse(URI base, int concurrency) {
        this.base = base;
        this.concurrency = concurrency;
        this.raw = new RawHttp(base);
        this.pool = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "abuse");
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(concurrency, r -> {
                    Thread t = new Thread(r, "abuse-http");
                    t.setDaemon(true);
                    return t;
                }))
                .build();
    }

    public RawHttp raw() {
        return raw;
    }

    /** Strings of the owner's that no one else may be shown (names, payload markers, ids). */
    public void secrets(Collection<String> values) {
        this.secrets = values.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
    }

    public synchronized Tally tally(String category) {
        return tallies.computeIfAbsent(category, Tally::new);
    }

    public synchronized List<Tally> tallies() {
        return List.copyOf(tallies.values());
    }

    public long totalSent() {
        return tallies().stream().mapToLong(Tally::sent).sum();
    }

    /** Sends every probe, {@code concurrency} at a time, and waits for all of them. */
    public void run(List<Probe> probes) {
        List<Future<?>> futures = new ArrayList<>(probes.size());
        for (Probe p : probes) {
            futures.add(pool.submit(() -> send(p)));
        }
        for (Future<?> f : futures) {
            try {
                f.get(10, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("a probe failed to run", e);
            }
        }
        probes.stream().map(p -> p.category).distinct().forEach(c -> tally(c).endNanos = System.nanoTime());
    }

    /** Sends one probe and checks its answer; the status it got ("closed", "timeout" if none). */
    public String send(Probe p) {
        Tally tally = tally(p.category);
        tally.sent.incrementAndGet();
        Answer a;
        try {
            a = p.rawRequest != null ? sendRaw(p) : sendHttp(p);
        } catch (RawHttp.NoResponse e) {
            String status = e.timedOut ? "timeout" : "closed";
            tally.count(status);
            if (p.verbose) {
                System.out.printf("[AbuseIT]   %s -> %s (%s)%n", p.describe(), status, e.getMessage());
            }
            if (!p.mayDropConnection) {
                tally.violation(p.describe() + " -> no HTTP answer (" + e.getMessage() + ")");
            }
            return status;
        } catch (TimeoutException e) {
            tally.count("timeout");
            tally.violation(p.describe() + " -> no answer within " + p.timeout.toSeconds() + " s");
            return "timeout";
        } catch (IOException e) {
            tally.count("closed");
            if (p.verbose) {
                System.out.printf("[AbuseIT]   %s -> closed (%s)%n", p.describe(), e);
            }
            if (!p.mayDropConnection) {
                tally.violation(p.describe() + " -> connection failed: " + e);
            }
            return "closed";
        }
        return judge(p, a);
    }

    /** Checks and counts an answer {@code p} got over a socket the caller drove itself (slow uploads). */
    public String judge(Probe p, RawHttp.Response r) {
        tally(p.category).sent.incrementAndGet();
        return judge(p, answer(r));
    }

    /** Counts a probe the caller drove itself that got no answer ({@code timedOut}: the client gave up). */
    public String judgeNoAnswer(Probe p, boolean timedOut, String why) {
        Tally tally = tally(p.category);
        tally.sent.incrementAndGet();
        String status = timedOut ? "timeout" : "closed";
        tally.count(status);
        if (p.verbose) {
            System.out.printf("[AbuseIT]   %s -> %s (%s)%n", p.describe(), status, why);
        }
        if (!p.mayDropConnection) {
            tally.violation(p.describe() + " -> no HTTP answer (" + why + ")");
        }
        return status;
    }

    private String judge(Probe p, Answer a) {
        Tally tally = tally(p.category);
        String key = Integer.toString(a.status);
        String problem = check(p, a);
        if (problem == null && a.containerRejected) {
            key += "*";
        }
        tally.count(key);
        if (p.verbose) {
            System.out.printf("[AbuseIT]   %s -> %s %s%n", p.describe(), key,
                    preview(a.body.getBytes(StandardCharsets.UTF_8), 160));
        }
        if (problem != null) {
            tally.violation(p.describe() + " -> " + a.status + " " + preview(a.body.getBytes(StandardCharsets.UTF_8), 300)
                    + ": " + problem);
        }
        return key;
    }

    private record Answer(int status, String reason, String contentType, String body, Function<String, String> header,
                          boolean containerRejected) {
    }

    private Answer sendHttp(Probe p) throws IOException, TimeoutException {
        HttpRequest.Builder b;
        try {
            b = HttpRequest.newBuilder(URI.create(base + p.path)).timeout(p.timeout)
                    .method(p.method, p.body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(p.body));
            if (p.accept != null) {
                b.header("Accept", p.accept);
            }
            if (p.contentType != null) {
                b.header("Content-Type", p.contentType);
            }
            if (p.authorization != null) {
                b.header("Authorization", p.authorization);
            }
            p.headers.forEach(h -> b.header(h[0], h[1]));
        } catch (IllegalArgumentException e) {
            // Not something HttpClient sends (an invalid URI or header value): send the same bytes raw.
            p.rawRequest = rawRequest(p);
            return sendRaw(p);
        }
        CompletableFuture<HttpResponse<byte[]>> f = http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        try {
            HttpResponse<byte[]> r = f.get(p.timeout.toSeconds() + 10, TimeUnit.SECONDS);
            return new Answer(r.statusCode(), "", r.headers().firstValue("Content-Type").orElse(""),
                    new String(r.body(), StandardCharsets.UTF_8), h -> r.headers().firstValue(h).orElse(null), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof java.net.http.HttpTimeoutException) {
                throw new TimeoutException(e.getCause().getMessage());
            }
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (TimeoutException e) {
            f.cancel(true);
            throw e;
        }
    }

    private Answer sendRaw(Probe p) throws IOException {
        return answer(raw.exchange(p.rawRequest, p.timeout));
    }

    private static Answer answer(RawHttp.Response r) {
        String type = r.header("content-type");
        // nothing but a status line: the container answered before any application code ran
        boolean containerRejected = r.body().length == 0 && type == null && r.status() >= 200 && r.status() < 500;
        return new Answer(r.status(), r.reason(), type == null ? "" : type, r.bodyText(), r::header, containerRejected);
    }

    /** The request HttpClient would have sent, as bytes, for a raw socket. */
    public static byte[] rawRequest(Probe p) {
        StringBuilder head = new StringBuilder();
        // whitespace cannot be in a request target: any client would encode it; the rest goes as it is
        String target = p.path.replace(" ", "%20").replace("\t", "%09").replace("\r", "%0D").replace("\n", "%0A");
        head.append(p.method).append(' ').append(target).append(" HTTP/1.1\r\n").append("Host: 127.0.0.1\r\n");
        if (p.accept != null) {
            head.append("Accept: ").append(p.accept).append("\r\n");
        }
        if (p.contentType != null) {
            head.append("Content-Type: ").append(p.contentType).append("\r\n");
        }
        if (p.authorization != null) {
            head.append("Authorization: ").append(p.authorization).append("\r\n");
        }
        p.headers.forEach(h -> head.append(h[0]).append(": ").append(h[1]).append("\r\n"));
        byte[] body = p.body == null ? new byte[0] : p.body;
        if (p.body != null || !"GET".equals(p.method)) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        byte[] h = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    /** Null when the answer is acceptable, else what is wrong with it. */
    private String check(Probe p, Answer a) {
        if (a.status >= 500) {
            return "a 5xx";
        }
        if (p.checkLeaks && !secrets.isEmpty()) {
            String body = a.body.toLowerCase(Locale.ROOT);
            String request = null;
            for (String secret : secrets) {
                if (body.contains(secret)) {
                    request = request == null ? p.requestText() : request;
                    if (!request.contains(secret) && !request.contains(secret.replace("-", ""))) {
                        return "LEAK: the answer to " + p.actor + " contains the owner's '" + secret + "'";
                    }
                }
            }
        }
        if (a.status < 400 && a.containerRejected && !p.containerMayReject && !"HEAD".equals(p.method)) {
            return "an empty " + a.status + " without Content-Type";
        }
        if (a.status >= 400) {
            if (a.containerRejected) {
                if (!p.containerMayReject) {
                    return "an empty " + a.status + " (" + a.reason + ") without the error envelope";
                }
            } else if ("HEAD".equals(p.method)) {
                // a HEAD answer has no body by definition: only its headers can say it is the envelope
                if (!a.contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
                    return "a HEAD " + a.status + " with Content-Type '" + a.contentType + "'";
                }
            } else {
                String envelopeProblem = envelopeProblem(a);
                if (envelopeProblem != null) {
                    return envelopeProblem;
                }
            }
        }
        if (a.status == 429) {
            if (!p.submitType) {
                return "429 on a route that is not submit-type";
            }
            if (a.header.apply("Retry-After") == null) {
                return "429 without Retry-After";
            }
            if (!a.body.contains("MAX_REQUESTS_EXCEEDED")) {
                return "429 without code MAX_REQUESTS_EXCEEDED";
            }
        }
        return switch (p.expect) {
            case ANY -> null;
            case REFUSED -> a.status >= 400 && a.status < 500 ? null : "expected a refusal (4xx)";
            case UNAUTHENTICATED -> a.status == 401 && UNAUTHENTICATED_CODES.contains(code(a)) ? null
                    : "expected 401 USER_UNAUTHENTICATED/INVALID_AUTH_TOKEN";
            case NO_SCOPE -> a.status == 403 && "INSUFFICIENT_AUTH_SCOPE".equals(code(a)) ? null
                    : "expected 403 INSUFFICIENT_AUTH_SCOPE";
        };
    }

    private static String code(Answer a) {
        try {
            JsonValue v = parse(a.body);
            return v instanceof JsonObject o && o.get("code") instanceof JsonString s ? s.getString() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    static String envelopeProblem(Answer a) {
        if (!a.contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            return "a " + a.status + " with Content-Type '" + a.contentType + "', not the JSON envelope";
        }
        JsonValue v;
        try {
            v = parse(a.body);
        } catch (RuntimeException e) {
            return "a " + a.status + " whose body is not JSON";
        }
        if (!(v instanceof JsonObject e)) {
            return "a " + a.status + " whose body is not a JSON object";
        }
        if (!(e.get("status") instanceof JsonString s) || !"Failed".equals(s.getString())) {
            return "envelope without status \"Failed\"";
        }
        for (String field : List.of("code", "reason", "message")) {
            if (!(e.get(field) instanceof JsonString text) || text.getString().isBlank()) {
                return "envelope without a string '" + field + "'";
            }
        }
        if (!(e.get("http_status_code") instanceof JsonNumber n) || !n.isIntegral() || n.intValue() != a.status) {
            return "envelope http_status_code " + e.get("http_status_code") + " is not the HTTP status " + a.status;
        }
        return null;
    }

    private static JsonValue parse(String body) {
        try (JsonParser parser = Json.createParser(new StringReader(body))) {
            parser.next();
            JsonValue value = parser.getValue();
            if (parser.hasNext()) {
                throw new IllegalStateException("content after the JSON value");
            }
            return value;
        }
    }

    static String preview(byte[] bytes, int max) {
        String s = new String(bytes, 0, Math.min(bytes.length, max), StandardCharsets.UTF_8)
                .replace("\r", "\\r").replace("\n", "\\n");
        return bytes.length > max ? s + "…(" + bytes.length + " bytes)" : s;
    }

    /** The summary table: category, requests sent, status codes seen. */
    public String table() {
        StringBuilder s = new StringBuilder();
        String format = "%-16s %8s %10s %7s  %s%n";
        s.append(String.format(format, "category", "sent", "violations", "secs", "status codes seen (count)"));
        long total = 0;
        long bad = 0;
        Map<String, Long> all = new TreeMap<>();
        for (Tally t : tallies()) {
            double secs = ((t.endNanos == 0 ? System.nanoTime() : t.endNanos) - t.startNanos) / 1e9;
            s.append(String.format(format, t.category, t.sent(), t.violations(), String.format("%.1f", secs),
                    t.statusSummary()));
            total += t.sent();
            bad += t.violations();
            synchronized (t) {
                t.statuses.forEach((k, v) -> all.merge(k, v.get(), Long::sum));
            }
        }
        StringBuilder allText = new StringBuilder();
        all.forEach((k, v) -> allText.append(allText.length() == 0 ? "" : ", ").append(k).append(": ").append(v));
        s.append(String.format(format, "TOTAL", total, bad, "", allText));
        s.append("(* = an empty answer from the container itself, for a request malformed at the HTTP level;"
                + " closed/timeout = no answer, tolerated only for oversized and stalled uploads)\n");
        return s.toString();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
