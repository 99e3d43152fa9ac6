package org.funcfabric.client.executor;

import java.nio.charset.StandardCharsets;
import org.funcfabric.client.model.FunctionRegistration;
import org.funcfabric.protocol.JavaFunctionCode;

/** A function a task runs: one registered already, or one the executor registers on first use. */
sealed interface FunctionRef {

    /** A function id from an earlier registration. */
    record Registered(String functionId) implements FunctionRef {
    }

    /**
     * A function known by its code: the same code is registered once per executor, whatever the
     * number of tasks, as the Globus Compute Executor does for Python functions.
     *
     * @param sha256 of the function code, the registration cache key
     */
    record ByContent(String sha256, FunctionRegistration registration) implements FunctionRef {
        static ByContent of(FunctionRegistration registration) {
            return new ByContent(JavaFunctionCode.sha256Of(registration.functionCode().getBytes(StandardCharsets.UTF_8)),
                    registration);
        }
    }
}
