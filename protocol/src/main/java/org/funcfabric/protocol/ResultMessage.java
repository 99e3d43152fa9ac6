package org.funcfabric.protocol;

/**
 * The outcome of one task execution, sent by a worker to {@code fabric.results}.
 *
 * @param v           schema version, {@link #VERSION}
 * @param taskId      the task's UUID
 * @param endpointId  the endpoint whose worker ran it
 * @param workerId    the worker process that ran it
 * @param status      {@link #SUCCESS}, {@link #FAILED}, {@link #CANCELLED}, or {@link #RETRYING} when
 *                    this attempt failed and the worker scheduled the next one (not terminal)
 * @param result      for success: one unpacked serialized buffer ({@code "00\n…"}, {@code "11\n…"})
 * @param exception   for failure: the remote traceback or error text, ending with type and message
 * @param deliveredAt epoch ms when the worker received the task message
 * @param startedAt   epoch ms when execution started
 * @param endedAt     epoch ms when execution ended
 * @param sentAt      epoch ms when the worker sent this message
 * @param attempt     the attempt this outcome belongs to, 1 for the first
 */
public record ResultMessage(int v, String taskId, String endpointId, String workerId, String status,
                            String result, String exception, long deliveredAt, long startedAt,
                            long endedAt, long sentAt, int attempt) {
    public static final int VERSION = 1;
    public static final String SUCCESS = "success";
    public static final String FAILED = "failed";
    public static final String CANCELLED = "cancelled";
    public static final String RETRYING = "retrying";

    public boolean succeeded() {
        return SUCCESS.equals(status);
    }
}
