package org.funcfabric.systemtest;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.funcfabric.systemtest.support.FabricStack;
import org.funcfabric.systemtest.support.PythonScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Globus Compute SDK's {@code Executor} path (issue 4): results pushed over AMQP 0-9-1 from the
 * broker process's embedded Qpid Broker-J. {@code src/test/python/amqp_results.py} (Debian's
 * python3-pika) gets the connection URL, submits with {@code create_queue}, consumes
 * {@code <queue_prefix><task_group_id>} as the Executor does, and checks that a second user's
 * credential cannot read that queue.
 */
class AmqpResultQueueIT {
    @RegisterExtension
    static final FabricStack STACK = FabricStack.withSlots(2);

    static final Duration CLIENT_DEADLINE = Duration.ofSeconds(240);

    @Test
    void executorStyleConsumerReceivesEveryResultAndOnlyItsOwn() throws Exception {
        PythonScript.assertPasses("amqp_results.py", List.of(), Map.of(
                "FF_BASE_URL", STACK.baseUrl().toString(),
                "FF_TOKEN", STACK.token(),
                "FF_OTHER_TOKEN", STACK.mintToken("amqp-other-user", "user"),
                "FF_ENDPOINT_ID", STACK.endpointId(),
                "FF_DEADLINE_S", Long.toString(CLIENT_DEADLINE.toSeconds() - 60)),
                CLIENT_DEADLINE, "python3 python3-pika");
    }
}
