package org.funcfabric.protocol;

import java.util.List;

/**
 * Results a worker sends in one message to {@code fabric.results}: the outcomes of the tasks one slot
 * acknowledged in one transaction. The service stores them in one database transaction, so a burst of
 * short tasks costs one message and one commit per batch instead of one per task. Told apart from a
 * lone {@link ResultMessage} (which older workers and the result spool still send) by the JMS type
 * {@link #JMS_TYPE}.
 *
 * @param v       schema version, {@link #VERSION}
 * @param results at least one result, each naming its task
 */
public record ResultBatch(int v, List<ResultMessage> results) {
    public static final int VERSION = 1;
    /** The {@code JMSType} of a message whose body is a result batch. */
    public static final String JMS_TYPE = "fabric.ResultBatch";

    public ResultBatch {
        results = results == null ? List.of() : List.copyOf(results);
    }

    public static ResultBatch of(List<ResultMessage> results) {
        return new ResultBatch(VERSION, results);
    }

    /**
     * The results a message on {@code fabric.results} carries: a batch when its JMS type is
     * {@link #JMS_TYPE}, else one result.
     *
     * @throws ProtocolException when the body is not what its type says
     */
    public static List<ResultMessage> resultsOf(String jmsType, String body) {
        return JMS_TYPE.equals(jmsType) ? ProtocolJson.fromJson(body, ResultBatch.class).results()
                : List.of(ProtocolJson.fromJson(body, ResultMessage.class));
    }
}
