package org.funcfabric.bridge.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.funcfabric.core.task.TaskCompleted;
import org.funcfabric.core.task.TaskEventAppended;
import org.funcfabric.core.task.TaskStatus;
import org.funcfabric.protocol.ProtocolException;
import org.funcfabric.protocol.ProtocolJson;
import org.junit.jupiter.api.Test;

class TaskEventNoticeTest {
    private static final String GROUP = "7e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b";

    @Test
    void noticeOfAStoredResultTravelsAsVersionedJsonAndBecomesTheCdiEvent() {
        TaskCompleted completed = new TaskCompleted("t", GROUP, 42, "ep", "alice", TaskStatus.SUCCESS, "11\n1", null,
                Map.of("received", 1L));

        String json = ProtocolJson.toJson(TaskEventNotice.of(completed));
        TaskEventNotice heard = ProtocolJson.fromJson(json, TaskEventNotice.class);

        assertEquals(new TaskEventNotice(TaskEventNotice.VERSION, GROUP, 42), heard);
        assertEquals(new TaskEventAppended(GROUP, 42), heard.toEvent());
    }

    @Test
    void noticeWithoutAGroupIsUnreadable() {
        assertThrows(ProtocolException.class, () -> ProtocolJson.fromJson("{\"v\":1,\"eventNumber\":3}", TaskEventNotice.class));
    }
}
