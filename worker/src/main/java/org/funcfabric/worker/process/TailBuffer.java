package org.funcfabric.worker.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Keeps the last {@code capacity} bytes written to it. Command output is captured this way so a chatty
 * command cannot exhaust memory or exceed the result size limit, while the end of the output, where
 * errors usually are, survives.
 */
public final class TailBuffer {
    private final byte[] ring;
    private long total;

    public TailBuffer(int capacity) {
        this.ring = new byte[capacity];
    }

    public synchronized void write(byte[] bytes, int offset, int length) {
        if (length > ring.length) {
            int skipped = length - ring.length;
            offset += skipped;
            total += skipped;
            length = ring.length;
        }
        int pos = (int) (total % ring.length);
        int first = Math.min(length, ring.length - pos);
        System.arraycopy(bytes, offset, ring, pos, first);
        System.arraycopy(bytes, offset + first, ring, 0, length - first);
        total += length;
    }

    /** Copies {@code in} into this buffer until end of stream. */
    public void drain(InputStream in) throws IOException {
        byte[] chunk = new byte[8192];
        for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
            write(chunk, 0, n);
        }
    }

    /** The kept bytes as UTF-8, preceded by a note when earlier output was dropped. */
    public synchronized String text() {
        int kept = (int) Math.min(total, ring.length);
        byte[] out = new byte[kept];
        long start = total - kept;
        for (int i = 0; i < kept; i++) {
            out[i] = ring[(int) ((start + i) % ring.length)];
        }
        String tail = new String(out, StandardCharsets.UTF_8);
        return start == 0 ? tail : "[funcfabric: " + start + " earlier bytes dropped]\n" + tail;
    }
}
