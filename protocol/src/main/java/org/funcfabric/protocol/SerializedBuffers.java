package org.funcfabric.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * The Globus Compute buffer format (API.md "Serialized buffers"). A buffer is a two-character header,
 * a newline and a body; {@link #pack} joins buffers as {@code "<len>\n<buffer>"} each, where the length
 * counts Unicode code points, as Python's {@code len(str)} does.
 */
public final class SerializedBuffers {
    private SerializedBuffers() {
    }

    public static String pack(List<String> buffers) {
        StringBuilder out = new StringBuilder();
        for (String b : buffers) {
            out.append(b.codePointCount(0, b.length())).append('\n').append(b);
        }
        return out.toString();
    }

    public static String pack(String... buffers) {
        return pack(List.of(buffers));
    }

    /**
     * Splits packed buffers.
     *
     * @throws ProtocolException when a length prefix is missing, not a number or runs past the end
     */
    public static List<String> unpack(String packed) {
        List<String> out = new ArrayList<>();
        int pos = 0;
        while (pos < packed.length()) {
            int nl = packed.indexOf('\n', pos);
            if (nl < 0) {
                throw new ProtocolException("packed buffer without a length line at offset " + pos);
            }
            int codePoints;
            try {
                codePoints = Integer.parseInt(packed.substring(pos, nl));
            } catch (NumberFormatException e) {
                throw new ProtocolException("packed buffer length is not a number at offset " + pos);
            }
            if (codePoints < 0) {
                throw new ProtocolException("negative packed buffer length at offset " + pos);
            }
            int start = nl + 1;
            int end;
            try {
                end = packed.offsetByCodePoints(start, codePoints);
            } catch (IndexOutOfBoundsException e) {
                throw new ProtocolException("packed buffer at offset " + pos + " runs past the end");
            }
            out.add(packed.substring(start, end));
            pos = end;
        }
        return out;
    }

    /** True when {@code text} is a whole sequence of packed buffers, not a bare buffer. */
    public static boolean isPacked(String text) {
        if (text.isEmpty() || !Character.isDigit(text.charAt(0))) {
            return false;
        }
        try {
            return !unpack(text).isEmpty();
        } catch (ProtocolException e) {
            return false;
        }
    }

    /** The two-character header of one unpacked buffer. */
    public static String header(String buffer) {
        if (buffer.length() < 3 || buffer.charAt(2) != '\n') {
            throw new ProtocolException("buffer has no two-character header line");
        }
        return buffer.substring(0, 2);
    }

    /** The body of one unpacked buffer, after its header line. */
    public static String body(String buffer) {
        header(buffer);
        return buffer.substring(3);
    }
}
