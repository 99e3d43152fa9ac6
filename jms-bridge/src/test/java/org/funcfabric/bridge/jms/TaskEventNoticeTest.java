package org.funcfabric.bridge.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.funcfabric.core.task.TaskCompleted;
import org.funcfabric.core.task.TaskEventAppended;
import org.funcfabric.core.task.TaskStatus;
import org.funcfabric.core.task.TasksCompleted;
import org.funcfabric.protocol.ProtocolException;
import org.funcfabric.protocol.ProtocolJson;
import org.junit.jupiter.api.Test;

class TaskEventNoticeTest {
    private static final String GROUP = "7e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b";

    @Test
    void noticeOfAStoredResultTravelsAsVersionedJsonAndBecomesTheCdiEvent() {
        String json = ProtocolJson.toJson(TaskEventNotice.of(new TasksCompleted(List.of(ended(GROUP, 42)))).get(0));
        TaskEventNotice heard = ProtocolJson.fromJson(json, TaskEventNotice.class);

        assertEquals(new TaskEventNotice(TaskEventNotice.VERSION, GROUP, 42), heard);
        assertEquals(new TaskEventAppended(GROUP, 42), heard.toEvent());
    }

    @Test
    void aBatchIsOneNoticePerGroupWithItsHighestNumber() {
        String other = "0b6a3c1e-5f7d-4d8e-9a0b-1c2d3e4f5a6b";
        TasksCompleted batch = new TasksCompleted(List.of(ended(GROUP, 7), ended(other, 3), ended(GROUP, 9), ended(GROUP, 8)));

        assertEquals(List.of(new TaskEventNotice(TaskEventNotice.VERSION, GROUP, 9),
                new TaskEventNotice(TaskEventNotice.VERSION, other, 3)), TaskEventNotice.of(batch));
    }

    private static TaskCompleted ended(String group, long eventNumber) {
        return new TaskCompleted("t" + eventNumber, group, eventNumber, "ep", "alice", TaskStatus.SUCCESS, "11\n1", null,
                Map.of("received", 1L), false);
    }

    @Test
    void noticeWithoutAGroupIsUnreadable() {
        assertThrows(ProtocolException.class, () -> ProtocolJson.fromJson("{\"v\":1,\"eventNumber\":3}", TaskEventNotice.class));
    }
}
