package org.funcfabric.bridge.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.funcfabric.core.task.TaskCompleted;
import org.funcfabric.core.task.TaskStatus;
import org.junit.jupiter.api.Test;

class ResultMessagesTest {
    private static final String TASK = "0d6a4a3e-0a41-4f53-9f8e-1a2b3c4d5e6f";
    private static final String GROUP = "7e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b";

    @Test
    void successIsVersionByteThenTheResultEnvelope() {
        byte[] body = ResultMessages.v1(completed(TaskStatus.SUCCESS, "00\nabc=", null));

        assertEquals(0x01, body[0]);
        JsonObject envelope = parse(body);
        assertEquals("result", envelope.getString("message_type"));
        JsonObject data = envelope.getJsonObject("data");
        assertEquals(TASK, data.getString("task_id"));
        assertEquals("00\nabc=", data.getString("data"));
        assertTrue(data.isNull("error_details"));
        assertEquals(0, data.getJsonArray("task_statuses").size());
        assertEquals(GROUP, data.getJsonObject("details").getString("task_group_id"));
    }

    @Test
    void failureCarriesTheTracebackAsDataAndErrorDetails() {
        String traceback = "Traceback (most recent call last):\nZeroDivisionError: division by zero";
        JsonObject data = parse(ResultMessages.v1(completed(TaskStatus.FAILED, null, traceback))).getJsonObject("data");

        assertEquals(traceback, data.getString("data"));
        assertEquals("RemoteExecutionError", data.getJsonObject("error_details").getString("code"));
        assertEquals(traceback, data.getJsonObject("error_details").getString("user_message"));
    }

    private static TaskCompleted completed(TaskStatus status, String result, String exception) {
        return new TaskCompleted(TASK, GROUP, 1, "ep", "alice", status, result, exception, Map.of("received", 1L), true);
    }

    private static JsonObject parse(byte[] body) {
        String json = new String(Arrays.copyOfRange(body, 1, body.length), StandardCharsets.UTF_8);
        return Json.createReader(new StringReader(json)).readObject();
    }
}
