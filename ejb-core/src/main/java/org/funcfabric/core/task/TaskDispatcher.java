package org.funcfabric.core.task;

import java.util.List;
import org.funcfabric.protocol.TaskMessage;

/**
 * The port through which stored tasks reach their endpoints' queues (implemented in jms-bridge): in the
 * caller's JTA transaction, so that tasks and messages commit together, or, for a submission already
 * committed with its {@link PendingDispatch}, in a broker transaction of their own.
 */
public interface TaskDispatcher {
    /**
     * Sends the messages as one unit of the current transaction.
     *
     * @throws org.funcfabric.core.common.FabricException SERVICE_UNAVAILABLE when the broker cannot be reached
     */
    void dispatch(List<TaskMessage> messages);

    /**
     * Sends the messages outside any JTA transaction, in one broker transaction: when this returns, the
     * broker holds them all.
     *
     * @throws org.funcfabric.core.common.FabricException SERVICE_UNAVAILABLE when the broker cannot be reached
     */
    void sendNow(List<TaskMessage> messages);

    /**
     * Sends one message, in the current transaction, that the broker holds back until {@code deliverAt}
     * (epoch ms): a retry's next attempt waits on the broker, not on a sleeping thread.
     *
     * @throws org.funcfabric.core.common.FabricException SERVICE_UNAVAILABLE when the broker cannot be reached
     */
    void dispatchAt(TaskMessage message, long deliverAt);
}
