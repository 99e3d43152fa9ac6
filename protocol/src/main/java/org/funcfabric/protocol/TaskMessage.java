package org.funcfabric.protocol;

import java.util.List;

/**
 * A task on its way to a worker, sent to {@code fabric.tasks.<endpoint-id>}. It carries everything
 * the worker needs, so the worker never calls back to the service.
 *
 * @param v                 schema version, {@link #VERSION}
 * @param taskId            the task's UUID
 * @param taskGroupId       the task group's UUID
 * @param endpointId        the endpoint the task was sent to
 * @param functionId        the function's UUID
 * @param functionCode      the function as one packed Globus Compute buffer ({@code "<len>\n<hdr>\n<body>"})
 * @param payload           the arguments: packed buffers of the args tuple and the kwargs dict
 * @param resultSerializers serializer strategies to try for the result, in order; empty for the default
 * @param maxResultBytes    the largest serialized result the worker may send back
 * @param dispatchedAt      epoch milliseconds when the service sent the message
 * @param attempt           which attempt this message is, 1 for the first; a retry is a new message
 * @param maxRetries        attempts allowed after the first: after worker losses (redeliveries) and,
 *                          when {@code retryOn} is not empty, after errors
 * @param retryBackoffS     seconds before the first retry after an error; doubles with each attempt
 * @param retryOn           exception type names (simple or qualified) whose errors are retried,
 *                          {@code "*"} for any; empty: errors are final
 * @param timeoutS          seconds the task may run before it fails with {@code TaskTimeout}; null
 *                          for the endpoint's default
 */
public record TaskMessage(int v, String taskId, String taskGroupId, String endpointId, String functionId,
                          String functionCode, String payload, List<String> resultSerializers,
                          long maxResultBytes, long dispatchedAt, int attempt, int maxRetries,
                          double retryBackoffS, List<String> retryOn, Integer timeoutS) {
    public static final int VERSION = 1;
}
