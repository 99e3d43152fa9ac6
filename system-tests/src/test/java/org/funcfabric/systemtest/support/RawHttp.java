package org.funcfabric.systemtest.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for what {@link java.net.http.HttpClient} refuses to send: raw bytes in
 * the request line and headers, unnormalized paths, lying {@code Content-Length}s, bodies sent slowly or
 * never. Every request says {@code Connection: close}, so the answer is everything up to EOF.
 */
public final class RawHttp {
    private final String host;
    private final int port;

    public RawHttp(URI base) {
        this.host = base.getHost();
        this.port = base.getPort();
    }

    /** One answer: status, reason phrase, headers (lower-case names, last one wins) and body. */
    public record Response(int status, String reason, Map<String, String> headers, byte[] body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Thrown when the server closed the connection (or stayed silent) without a complete status line. */
    public static final class NoResponse extends IOException {
        public final boolean timedOut;

        NoResponse(String message, boolean timedOut) {
            super(message);
            this.timedOut = timedOut;
        }
    }

    /** Opens a connection; the caller writes the request, then reads with {@link #read}. */
    public Socket open(Duration readTimeout) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), 5_000);
        socket.setSoTimeout((int) readTimeout.toMillis());
        return socket;
    }

    /** Sends {@code request} as is and reads the whole answer, waiting at most {@code timeout} in all. */
    public Response exchange(byte[] request, Duration timeout) throws IOException {
        try (Socket socket = open(timeout)) {
            try {
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
            } catch (IOException e) {
                // The server may answer and close before it has read everything (an oversized body).
            }
            return read(socket, System.nanoTime() + timeout.toNanos());
        }
    }

    /** Reads an answer until EOF or until {@code deadlineNanos} ({@link System#nanoTime()}). */
    public static Response read(Socket socket, long deadlineNanos) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[16384];
        boolean timedOut = false;
        try {
            while (true) {
                long left = (deadlineNanos - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    timedOut = true;
                    break;
                }
                socket.setSoTimeout((int) Math.max(1, left));
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                out.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            timedOut = true;
        } catch (IOException e) {
            // Reset by the server: parse what came before it.
        }
        return parse(out.toByteArray(), timedOut);
    }

    static Response parse(byte[] raw, boolean timedOut) throws NoResponse {
        // interim answers (100 Continue) come before the real one
        while (raw.length > 12 && new String(raw, 0, 12, StandardCharsets.ISO_8859_1).matches("HTTP/1\\.[01] 1\\d\\d.*")) {
            int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            if (end < 0 || end + 4 == raw.length) {
                throw new NoResponse("only an interim answer: " + new String(raw, 0, Math.min(raw.length, 40),
                        StandardCharsets.ISO_8859_1).strip(), timedOut);
            }
            raw = Arrays.copyOfRange(raw, end + 4, raw.length);
        }
        int headEnd = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        if (headEnd < 0) {
            throw new NoResponse(raw.length == 0 ? "no answer" : "incomplete answer: "
                    + new String(raw, 0, Math.min(raw.length, 200), StandardCharsets.ISO_8859_1), timedOut);
        }
        String[] lines = new String(raw, 0, headEnd, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
            throw new NoResponse("not an HTTP status line: " + lines[0], timedOut);
        }
        int status = Integer.parseInt(statusLine[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        byte[] body = Arrays.copyOfRange(raw, headEnd + 4, raw.length);
        if ("chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", ""))) {
            body = dechunk(body);
        } else if (headers.containsKey("content-length")) {
            try {
                int length = Integer.parseInt(headers.get("content-length"));
                if (length < body.length) {
                    body = Arrays.copyOf(body, length);
                } else if (length > body.length && timedOut) {
                    throw new NoResponse("answer cut short: " + body.length + " of " + length + " bytes", true);
                }
            } catch (NumberFormatException e) {
                // keep what came
            }
        }
        return new Response(status, statusLine.length > 2 ? statusLine[2] : "", headers, body);
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pos = 0;
        while (pos < chunked.length) {
            int lineEnd = indexOf(Arrays.copyOfRange(chunked, pos, chunked.length), new byte[] {'\r', '\n'});
            if (lineEnd < 0) {
                break;
            }
            String sizeText = new String(chunked, pos, lineEnd, StandardCharsets.US_ASCII).split(";")[0].trim();
            int size;
            try {
                size = Integer.parseInt(sizeText, 16);
            } catch (NumberFormatException e) {
                break;
            }
            pos += lineEnd + 2;
            if (size == 0 || pos + size > chunked.length) {
                break;
            }
            out.write(chunked, pos, size);
            pos += size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
