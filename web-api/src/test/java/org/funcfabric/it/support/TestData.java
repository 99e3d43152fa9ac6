package org.funcfabric.it.support;

import java.util.Set;
import java.util.UUID;
import org.funcfabric.core.common.Caller;
import org.funcfabric.core.endpoint.EndpointSpec;
import org.funcfabric.protocol.SerializedBuffers;

/** Test data in the service's own terms; every call makes new, unshared ids. */
public final class TestData {
    /** A shell function, as a client registers it bare. */
    public static final String ECHO_FUNCTION = "sh\n{\"cmd\": \"echo {x}\"}";

    private TestData() {
    }

    /** A user of its own, so that a test sees only its own functions, endpoints and tasks. */
    public static Caller newUser() {
        return new Caller("it-user-" + UUID.randomUUID(), Set.of());
    }

    /** An unrestricted, private endpoint with a fresh name. */
    public static EndpointSpec newEndpoint() {
        String name = "it-ep-" + UUID.randomUUID();
        return new EndpointSpec(name, null, "{}", false, null, null);
    }

    /** A task payload, Globus Compute style: packed JSON buffers of no args and the kwargs {x: ...}. */
    public static String payload(String x) {
        return SerializedBuffers.pack("11\n[]", "11\n{\"x\": \"" + x + "\"}");
    }
}
