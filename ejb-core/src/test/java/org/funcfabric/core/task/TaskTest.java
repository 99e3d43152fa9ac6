package org.funcfabric.core.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.Arrays;
import org.funcfabric.core.common.Caller;
import org.funcfabric.core.common.ErrorCode;
import org.funcfabric.core.common.FabricException;
import org.funcfabric.protocol.ResultMessage;
import org.junit.jupiter.api.Test;

class TaskTest {

    private final TaskGroup group = new TaskGroup("g1", "alice", 900);

    private static Task task() {
        return task("t1");
    }

    private static Task task(String id) {
        return new Task(id, "g1", "alice", "f1", "e1", "r1", "5\n11\n[]5\n11\n{}", null, RetryPolicy.NONE, 1000);
    }

    private static ResultMessage result(String status, String value) {
        return new ResultMessage(1, "t1", "e1", "w1", status, value, status.equals(ResultMessage.FAILED) ? value : null,
                1100, 1110, 1120, 1130, 1);
    }

    @Test
    void newTaskWaitsAndIsNotTerminal() {
        assertEquals(TaskStatus.WAITING_FOR_LAUNCH, task().status());
        assertFalse(task().status().isTerminal());
    }

    @Test
    void firstTerminalResultWinsAndDuplicatesAreIgnored() {
        Task t = task();
        t.dispatched(1050);
        assertTrue(t.complete(result(ResultMessage.SUCCESS, "11\n4"), 1200, group));
        assertFalse(t.complete(result(ResultMessage.FAILED, "boom"), 1300, group), "a duplicate never changes a stored result");
        assertEquals(TaskStatus.SUCCESS, t.status());
        assertEquals("11\n4", t.result());
        assertNull(t.exception());
        assertEquals(1200L, t.completedAt());
    }

    @Test
    void failureKeepsTheTracebackNotAResult() {
        Task t = task();
        t.complete(result(ResultMessage.FAILED, "ZeroDivisionError: division by zero"), 1200, group);
        assertEquals(TaskStatus.FAILED, t.status());
        assertNull(t.result());
        assertEquals("ZeroDivisionError: division by zero", t.exception());
    }

    private static ResultMessage attempt(String status, int attempt, String error) {
        return new ResultMessage(1, "t1", "e1", "w1", status, null, error, 1100, 1110, 1120, 1130, attempt);
    }

    @Test
    void retryingKeepsTheTaskOpenAndRecordsEachAttemptOnce() {
        Task t = task();
        assertTrue(t.retrying(attempt(ResultMessage.RETRYING, 1, "RuntimeError: one"), 1200));
        assertFalse(t.retrying(attempt(ResultMessage.RETRYING, 1, "RuntimeError: one"), 1250), "a redelivered notice");
        assertTrue(t.retrying(attempt(ResultMessage.RETRYING, 2, "RuntimeError: two"), 1300));
        assertFalse(t.status().isTerminal());
        assertNull(t.eventNumber(), "a retry is no task event");
        assertEquals(3, t.attempt());
        assertEquals(List.of(new FailedAttempt(1, "RuntimeError: one", 1200), new FailedAttempt(2, "RuntimeError: two", 1300)),
                t.attempts());

        assertTrue(t.complete(new ResultMessage(1, "t1", "e1", "w1", ResultMessage.SUCCESS, "11\n1", null,
                1100, 1110, 1120, 1130, 3), 1400, group));
        assertEquals(TaskStatus.SUCCESS, t.status());
        assertEquals(3, t.attempt());
        assertEquals(2, t.attempts().size(), "the failed attempts stay listed after success");
        assertFalse(t.retrying(attempt(ResultMessage.RETRYING, 4, "late"), 1500), "nothing changes an ended task");
        assertEquals(2, t.attempts().size());
    }

    @Test
    void cancelEndsAnOpenTaskOnceAndTakesAnEventNumber() {
        Task t = task();
        assertTrue(t.cancel(1200, group));
        assertEquals(TaskStatus.CANCELLED, t.status());
        assertEquals(1L, t.eventNumber());
        assertEquals(1200L, t.completedAt());
        assertTrue(t.exception().startsWith("TaskCancelled"));
        assertFalse(t.cancel(1300, group), "cancelling a cancelled task is a no-op");
        assertFalse(t.complete(result(ResultMessage.SUCCESS, "11\n4"), 1400, group), "the worker's late result is ignored");
        assertEquals(TaskStatus.CANCELLED, t.status());
        assertEquals(1, group.eventCount());
    }

    @Test
    void cancellingAFinishedTaskLeavesItsResult() {
        Task t = task();
        t.complete(result(ResultMessage.SUCCESS, "11\n4"), 1200, group);
        assertFalse(t.cancel(1300, group));
        assertEquals(TaskStatus.SUCCESS, t.status());
        assertEquals("11\n4", t.result());
    }

    @Test
    void aCancelledResultFromTheWorkerEndsTheTaskCancelled() {
        Task t = task();
        assertTrue(t.complete(attempt(ResultMessage.CANCELLED, 1, "cancelled"), 1200, group));
        assertEquals(TaskStatus.CANCELLED, t.status());
    }

    @Test
    void aLostTaskFailsWithTheReason() {
        Task t = task();
        assertTrue(t.lost("WorkerLost: gone", 1200, group));
        assertEquals(TaskStatus.FAILED, t.status());
        assertEquals("WorkerLost: gone", t.exception());
        assertFalse(t.lost("WorkerLost: again", 1300, group));
    }

    @Test
    void retryPolicyIsKeptAndRefusesImpossibleValues() {
        RetryPolicy policy = RetryPolicy.of(3, 0.5, List.of("RuntimeError"), 2);
        Task t = new Task("t1", "g1", "alice", "f1", "e1", "r1", "p", null, policy, 1000);
        assertEquals(policy, t.retryPolicy());
        assertEquals(RetryPolicy.NONE, RetryPolicy.of(null, null, null, null));
        for (Runnable bad : List.<Runnable>of(() -> RetryPolicy.of(9, null, null, null), () -> RetryPolicy.of(-1, null, null, null),
                () -> RetryPolicy.of(null, 0.0, null, null), () -> RetryPolicy.of(null, 3601.0, null, null),
                () -> RetryPolicy.of(null, null, null, 0), () -> RetryPolicy.of(null, null, Arrays.asList("a", null), null))) {
            assertEquals(ErrorCode.SEMANTICALLY_INVALID,
                    assertThrows(FabricException.class, bad::run).code());
        }
    }

    @Test
    void transitionsListEveryHopInOrder() {
        Task t = task();
        t.dispatched(1050);
        t.complete(result(ResultMessage.SUCCESS, "11\n4"), 1200, group);
        assertEquals(List.of("received", "dispatched", "delivered", "execution-start", "execution-end", "result-sent",
                "completed"), List.copyOf(t.transitions().keySet()));
        assertEquals(List.of(1000L, 1050L, 1100L, 1110L, 1120L, 1130L, 1200L), List.copyOf(t.transitions().values()));
    }

    @Test
    void openTaskHasNoEventNumber() {
        assertNull(task().eventNumber());
        assertEquals(0, group.eventCount());
    }

    @Test
    void tasksEndingInAGroupAreNumberedOneTwoThreeInTheOrderTheyEnd() {
        Task first = task("t1");
        Task second = task("t2");
        Task third = task("t3");

        second.complete(result(ResultMessage.SUCCESS, "11\n2"), 1200, group);
        third.complete(result(ResultMessage.FAILED, "boom"), 1210, group);
        first.complete(result(ResultMessage.SUCCESS, "11\n1"), 1220, group);

        assertEquals(1L, second.eventNumber());
        assertEquals(2L, third.eventNumber(), "a failure is an event too");
        assertEquals(3L, first.eventNumber());
        assertEquals(3, group.eventCount());
    }

    @Test
    void duplicateResultTakesNoEventNumber() {
        Task t = task();
        t.complete(result(ResultMessage.SUCCESS, "11\n4"), 1200, group);
        t.complete(result(ResultMessage.SUCCESS, "11\n4"), 1300, group);

        assertEquals(1L, t.eventNumber());
        assertEquals(1, group.eventCount(), "no number is used up by a duplicate, so none is skipped");
        Task next = task("t2");
        next.complete(result(ResultMessage.SUCCESS, "11\n5"), 1400, group);
        assertEquals(2L, next.eventNumber());
    }

    @Test
    void anotherGroupCannotNumberTheTask() {
        Task t = task();
        TaskGroup other = new TaskGroup("g2", "alice", 900);

        assertThrows(IllegalArgumentException.class, () -> t.complete(result(ResultMessage.SUCCESS, "11\n4"), 1200, other));
        assertEquals(TaskStatus.WAITING_FOR_LAUNCH, t.status(), "refused before anything changed");
        assertNull(t.eventNumber());
        assertEquals(0, other.eventCount());
    }

    @Test
    void onlyTheSubmitterSeesATask() {
        assertTrue(task().isVisibleTo(new Caller("alice", Set.of())));
        assertFalse(task().isVisibleTo(new Caller("bob", Set.of("alice"))));
    }
}
