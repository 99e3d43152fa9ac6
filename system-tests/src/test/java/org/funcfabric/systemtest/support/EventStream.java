package org.funcfabric.systemtest.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Server-Sent Events client as simple as a user's: one GET with {@code Accept: text/event-stream},
 * the body read line by line (the text/event-stream format of the HTML standard: {@code field: value}
 * lines, a blank line ends an event, a line starting with {@code :} is a comment). A reader thread
 * parses while the test takes events with a deadline; {@link #close()} disconnects.
 */
public final class EventStream implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final Duration HEADERS_DEADLINE = Duration.ofSeconds(30);

    /**
     * One dispatched event: its {@code event} name, {@code id}, {@code data} lines joined by "\n", and
     * when its last line arrived.
     */
    public record Event(String name, String id, String data, Instant at) {
    }

    /** A comment line and when it arrived. */
    public record Comment(String text, Instant at) {
    }

    private final HttpResponse<InputStream> response;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final List<Comment> comments = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile boolean closed;
    private volatile Throwable readFailure;

    private EventStream(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new Thread(this::read, "event-stream-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Opens {@code path} of the service; an answer other than 200 is returned as an {@link ApiResponse}
     * in {@link Opened#refusal()}, its body read whole.
     *
     * @param token   bearer token, or null for none
     * @param headers extra request headers, such as {@code Last-Event-ID}
     */
    public static Opened open(URI base, String token, String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Accept", "text/event-stream")
                .GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<InputStream> response = HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream())
                    .get(HEADERS_DEADLINE.toSeconds(), TimeUnit.SECONDS);
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            if (response.statusCode() != 200) {
                try (InputStream body = response.body()) {
                    return new Opened(null, new ApiResponse("GET " + path, response.statusCode(), contentType,
                            new String(body.readAllBytes(), StandardCharsets.UTF_8)));
                }
            }
            if (!contentType.startsWith("text/event-stream")) {
                response.body().close();
                throw new AssertionError("GET " + path + " answered 200 with Content-Type " + contentType);
            }
            return new Opened(new EventStream(response), null);
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("GET " + path + ": no response headers within " + HEADERS_DEADLINE.toSeconds()
                    + " s (" + e + ")", e);
        }
    }

    /** What {@link #open} got: a stream, or the refusal. */
    public record Opened(EventStream stream, ApiResponse refusal) {
        public boolean isStream() {
            return stream != null;
        }

        /** The stream, asserting that the service answered 200. */
        public EventStream stream() {
            if (stream == null) {
                throw new AssertionError("expected an event stream, got " + refusal);
            }
            return stream;
        }

        /** The refusal, asserting that there was one. */
        public ApiResponse refusal() {
            if (refusal == null) {
                stream.close();
                throw new AssertionError("expected a refusal, got an event stream");
            }
            return refusal;
        }
    }

    /**
     * The next event, waiting at most {@code timeout}.
     *
     * @throws AssertionError when none arrives in time or the stream ended
     */
    public Event next(Duration timeout) {
        try {
            Event e = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (e == null) {
                throw new AssertionError("no event within " + timeout.toSeconds() + " s"
                        + (reader.isAlive() ? "" : "; the stream ended" + (readFailure == null ? "" : ": " + readFailure)));
            }
            return e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next event if one arrives within {@code timeout}; empty otherwise, and once the stream has ended. */
    public Optional<Event> poll(Duration timeout) {
        try {
            return Optional.ofNullable(events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The comment lines received so far, in order. */
    public List<Comment> comments() {
        return List.copyOf(comments);
    }

    /** Whether the service ended the response (or the connection broke). */
    public boolean hasEnded() {
        return !reader.isAlive();
    }

    /** Disconnects, as a client that goes away does. */
    @Override
    public void close() {
        closed = true;
        try {
            response.body().close();
        } catch (IOException e) {
            // going away anyway
        }
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String name = null;
            String id = null;
            StringBuilder data = null;
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data != null) {
                        events.add(new Event(name == null ? "message" : name, id, data.toString(), Instant.now()));
                    }
                    name = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    comments.add(new Comment(line.substring(1).strip(), Instant.now()));
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1);
                    value = value.startsWith(" ") ? value.substring(1) : value;
                    switch (field) {
                        case "event" -> name = value;
                        case "id" -> id = value;
                        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                        default -> {
                            // retry and unknown fields: nothing a test needs
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                readFailure = e;
            }
        }
    }
}
