package org.funcfabric.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.funcfabric.client.model.ShellResult;
import org.funcfabric.protocol.JavaTaskPayload;
import org.funcfabric.protocol.SerializedBuffers;
import org.junit.jupiter.api.Test;

class WireFormatTest {

    @Test
    void payloadPacksJsonArgsAndKwargs() {
        String payload = WireFormat.payload(List.of(1, "two"), Map.of("name", "Ada"));

        assertEquals(List.of("11\n[1,\"two\"]", "11\n{\"name\":\"Ada\"}"), SerializedBuffers.unpack(payload));
    }

    @Test
    void javaPayloadsAreTheProtocolModules() {
        assertEquals(JavaTaskPayload.single("7"), WireFormat.javaCall(7));
        assertEquals(JavaTaskPayload.map("[1,2,3]"), WireFormat.javaMap(List.of(1, 2, 3)));
    }

    @Test
    void jsonResultsDecodeToTheAskedType() {
        assertEquals(49L, (Long) WireFormat.decode("11\n49", Long.class));
        assertEquals(List.of(1L, 4L, 9L), WireFormat.decode("11\n[1,4,9]", WireFormat.listOf(Long.class)));
        ShellResult shell = WireFormat.decode(
                "11\n{\"returncode\": 0, \"stdout\": \"hi\\n\", \"stderr\": \"\", \"cmd\": \"echo hi\"}", ShellResult.class);
        assertEquals(new ShellResult(0, "hi\n", "", "echo hi"), shell);
        assertEquals(Map.of("a", new BigDecimal(1)), WireFormat.decode("11\n{\"a\": 1}", Object.class));
    }

    @Test
    void dillResultsComeRawAsStringOrObjectOnly() {
        String dill = "00\ngASVBQAAAAAAAABLMS4=";

        assertEquals(dill, WireFormat.decode(dill, String.class));
        assertEquals(dill, WireFormat.decode(dill, Object.class));
        UndecodableResultException e = assertThrows(UndecodableResultException.class,
                () -> WireFormat.decode(dill, Long.class));
        assertEquals(UndecodableResultException.RESULT_UNDECODABLE, e.errorCode());
    }

    @Test
    void jsonOfAnotherShapeIsUndecodable() {
        assertThrows(UndecodableResultException.class, () -> WireFormat.decode("11\n\"text\"", Long.class));
        assertThrows(UndecodableResultException.class, () -> WireFormat.decode("no header", String.class));
    }
}
