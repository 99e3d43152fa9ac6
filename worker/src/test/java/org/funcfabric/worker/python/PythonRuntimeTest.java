package org.funcfabric.worker.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class PythonRuntimeTest {
    @Test
    void defaultFindsAnInterpreterWithDillAndExtractsTheRunner() throws Exception {
        PythonRuntime runtime = PythonRuntime.locate(null);
        assertTrue(runtime.pythonVersion().startsWith("3."), runtime::toString);
        assertTrue(Files.readString(runtime.runnerScript()).contains("def run_task"));
    }

    @Test
    void unusableInterpreterSaysWhatToFix() {
        var e = assertThrows(PythonUnavailableException.class, () -> PythonRuntime.locate("/nonexistent/python3"));
        assertTrue(e.getMessage().startsWith("Python '/nonexistent/python3' cannot be used"), e.getMessage());
        assertTrue(e.getMessage().contains("FABRIC_PYTHON"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }
}
