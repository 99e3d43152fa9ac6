package org.funcfabric.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SerializedBuffersTest {

    @Test
    void packsAsPythonDoes() {
        // Python: "".join(f"{len(b)}\n{b}" for b in ["11\n[1]", "11\n{}"])
        assertEquals("6\n11\n[1]5\n11\n{}", SerializedBuffers.pack("11\n[1]", "11\n{}"));
    }

    @Test
    void lengthCountsCodePointsNotUtf16Units() {
        String withEmoji = "11\n\"\uD83D\uDE00\"";
        String packed = SerializedBuffers.pack(withEmoji);
        assertTrue(packed.startsWith("6\n"), packed);
        assertEquals(List.of(withEmoji), SerializedBuffers.unpack(packed));
    }

    @Test
    void unpackRoundTrips() {
        List<String> buffers = List.of("sh\n{\"cmd\": \"echo {x}\"}", "11\n[]", "11\n{\"x\": \"a\\nb\"}");
        assertEquals(buffers, SerializedBuffers.unpack(SerializedBuffers.pack(buffers)));
    }

    @Test
    void recognisesPackedAndBareForms() {
        assertTrue(SerializedBuffers.isPacked("5\n11\n[]"));
        assertFalse(SerializedBuffers.isPacked("sh\n{\"cmd\": \"true\"}"));
        assertFalse(SerializedBuffers.isPacked("99\n11\n[]"));
    }

    @Test
    void rejectsTruncatedInput() {
        assertThrows(ProtocolException.class, () -> SerializedBuffers.unpack("10\n11\n[]"));
        assertThrows(ProtocolException.class, () -> SerializedBuffers.unpack("x\n11\n[]"));
        assertThrows(ProtocolException.class, () -> SerializedBuffers.unpack("5"));
    }

    @Test
    void headerAndBody() {
        assertEquals("st", SerializedBuffers.header("st\nabc"));
        assertEquals("abc", SerializedBuffers.body("st\nabc"));
        assertThrows(ProtocolException.class, () -> SerializedBuffers.header("x"));
    }
}
