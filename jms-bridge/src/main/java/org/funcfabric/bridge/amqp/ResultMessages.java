package org.funcfabric.bridge.amqp;

import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.funcfabric.core.task.TaskCompleted;
import org.funcfabric.core.task.TaskStatus;
import org.funcfabric.protocol.FailureType;

/**
 * A stored result as the Globus Compute SDK's {@code Executor} reads it from its result queue: a
 * messagepack protocol v1 {@code Result}, that is the byte {@code 0x01} followed by the JSON envelope
 * {@code {"message_type":"result","data":{"task_id","data","details","error_details","task_statuses"}}}
 * (API.md). {@code data} is the serialized result buffer, or for a failure the remote traceback, which
 * the SDK raises as {@code TaskExecutionFailed} because {@code error_details} is set.
 */
final class ResultMessages {
    static final byte PROTOCOL_V1 = 0x01;
    /** The code Globus Compute gives a function that raised. */
    static final String REMOTE_EXECUTION_ERROR = "RemoteExecutionError";
    /** Looked up once: {@code Json.create…} looks the provider up through the class path at every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private ResultMessages() {
    }

    static byte[] v1(TaskCompleted t) {
        JsonObjectBuilder data = JSON.createObjectBuilder().add("task_id", t.taskId());
        if (t.status() == TaskStatus.SUCCESS) {
            data.add("data", t.result() == null ? "" : t.result());
            data.addNull("error_details");
        } else {
            String text = t.exception() != null ? t.exception()
                    : t.status() == TaskStatus.CANCELLED ? "task " + t.taskId() + " was cancelled" : "task failed";
            data.add("data", text);
            data.add("error_details", JSON.createObjectBuilder()
                    .add("code", t.status() == TaskStatus.CANCELLED
                            ? FailureType.TASK_CANCELLED.toString() : REMOTE_EXECUTION_ERROR)
                    .add("user_message", text));
        }
        data.add("details", JSON.createObjectBuilder()
                .add("task_group_id", t.taskGroupId())
                .add("endpoint_id", t.endpointId())
                .add("status", t.status().wire()));
        data.add("task_statuses", JSON.createArrayBuilder());
        String json = JSON.createObjectBuilder()
                .add("message_type", "result")
                .add("data", data)
                .build()
                .toString();
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length() + 1);
        out.write(PROTOCOL_V1);
        out.writeBytes(json.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
