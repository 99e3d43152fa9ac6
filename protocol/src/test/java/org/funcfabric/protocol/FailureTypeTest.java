package org.funcfabric.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailureTypeTest {
    /** The names are a contract with clients (exception texts, retry_on): a rename breaks them. */
    @Test
    void theNamesClientsMatchOnStayAsTheyAre() {
        assertEquals(List.of("TaskTimeout", "WorkerLost", "FunctionNotPermitted", "TaskCancelled", "TaskAborted",
                        "WorkerStopping", "InterpreterDied", "DeserializationError", "SerializationError",
                        "MaxResultSizeExceeded", "WorkerError"),
                Arrays.stream(FailureType.values()).map(FailureType::toString).toList());
    }
}
