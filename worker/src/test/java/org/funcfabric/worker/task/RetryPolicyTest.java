package org.funcfabric.worker.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static final String PYTHON = """
            Traceback (most recent call last):
              File "runner.py", line 3, in run
                x
            mylib.errors.FetchError: upstream 503
            """;
    private static final String JAVA = """
            java.lang.RuntimeException: wrapped
            \tat demo.F.apply(F.java:3)
            Caused by: java.io.IOException: disk gone
            \t... 1 more
            """;

    @Test
    void matchesQualifiedAndSimpleNamesOfEveryErrorInTheChain() {
        assertTrue(RetryPolicy.retries(PYTHON, List.of("FetchError")));
        assertTrue(RetryPolicy.retries(PYTHON, List.of("mylib.errors.FetchError")));
        assertFalse(RetryPolicy.retries(PYTHON, List.of("Error")));
        assertTrue(RetryPolicy.retries(JAVA, List.of("IOException")));
        assertTrue(RetryPolicy.retries(JAVA, List.of("java.lang.RuntimeException")));
        assertFalse(RetryPolicy.retries(JAVA, List.of()));
    }

    @Test
    void starRetriesErrorsButNotTimeoutsUnlessNamed() {
        assertTrue(RetryPolicy.retries(PYTHON, List.of("*")));
        assertFalse(RetryPolicy.retries("TaskTimeout: task t exceeded its timeout of 1 s", List.of("*")));
        assertTrue(RetryPolicy.retries("TaskTimeout: task t exceeded its timeout of 1 s", List.of("TaskTimeout")));
        assertFalse(RetryPolicy.retries("WorkerLost: task t was lost", List.of("WorkerLost")));
    }
}
