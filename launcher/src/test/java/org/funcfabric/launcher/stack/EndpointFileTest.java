package org.funcfabric.launcher.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EndpointFileTest {
    @TempDir
    Path dir;

    @Test
    void idOnlyOnceTheFileIsCompleteAndHasOne() throws Exception {
        assertEquals(Optional.empty(), EndpointFile.endpointId(dir));
        Files.writeString(dir.resolve("endpoint.json"), "{\"endpoint_id\": \"9d4c7a7e-0c52");
        assertEquals(Optional.empty(), EndpointFile.endpointId(dir));
        Files.writeString(dir.resolve("endpoint.json"), "{\"name\": \"local\"}");
        assertEquals(Optional.empty(), EndpointFile.endpointId(dir));
        Files.writeString(dir.resolve("endpoint.json"), "{\"endpoint_id\": \"9d4c7a7e\", \"name\": \"local\"}");
        assertEquals(Optional.of("9d4c7a7e"), EndpointFile.endpointId(dir));
    }
}
