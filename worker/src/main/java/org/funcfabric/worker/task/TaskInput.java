package org.funcfabric.worker.task;

import java.util.List;
import org.funcfabric.protocol.SerializedBuffers;

/**
 * One task as an executor sees it.
 *
 * @param taskId            the task's UUID, for logs and the Python runner's replies
 * @param codeBuffer        the function as one unpacked buffer ({@code "<hdr>\n<body>"})
 * @param payload           the packed args and kwargs buffers, possibly empty
 * @param resultSerializers SDK serializer strategies to try for the result, in order; empty for the default
 * @param maxResultBytes    the largest serialized result (UTF-8 bytes) the task may return
 */
public record TaskInput(String taskId, String codeBuffer, String payload, List<String> resultSerializers,
                        long maxResultBytes) {
    public TaskInput {
        payload = payload == null ? "" : payload;
        resultSerializers = resultSerializers == null ? List.of() : List.copyOf(resultSerializers);
    }

    /** The two-character header naming the function kind. */
    public String header() {
        return SerializedBuffers.header(codeBuffer);
    }

    /** Function, args and kwargs as three packed buffers, the way a Globus Compute worker receives them. */
    public String packedBuffers() {
        return SerializedBuffers.pack(codeBuffer) + payload;
    }
}
