package org.funcfabric.core.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.funcfabric.core.common.Caller;
import org.funcfabric.protocol.HeartbeatMessage;
import org.junit.jupiter.api.Test;

class EndpointTest {
    private static final long THRESHOLD = 120_000;

    private static HeartbeatMessage beat(String state, long at) {
        return new HeartbeatMessage(1, "e1", state, 1, 2, at, -1);
    }

    @Test
    void offlineUntilTheFirstHeartbeat() {
        assertFalse(new Endpoint("e1", "alice", "local", 0).isOnline(10, THRESHOLD));
    }

    @Test
    void onlineWithinTheThresholdOfTheLastHeartbeat() {
        Endpoint ep = new Endpoint("e1", "alice", "local", 0);
        ep.heartbeat(beat(HeartbeatMessage.ONLINE, 1000), 1000);
        assertTrue(ep.isOnline(1000 + THRESHOLD, THRESHOLD));
        assertFalse(ep.isOnline(1001 + THRESHOLD, THRESHOLD));
        assertEquals(2, ep.totalSlots());
    }

    @Test
    void aCleanStopIsOfflineAtOnce() {
        Endpoint ep = new Endpoint("e1", "alice", "local", 0);
        ep.heartbeat(beat(HeartbeatMessage.ONLINE, 1000), 1000);
        ep.heartbeat(beat(HeartbeatMessage.OFFLINE, 2000), 2000);
        assertFalse(ep.isOnline(2001, THRESHOLD));
    }

    @Test
    void anOlderHeartbeatArrivingLateIsIgnored() {
        Endpoint ep = new Endpoint("e1", "alice", "local", 0);
        ep.heartbeat(beat(HeartbeatMessage.OFFLINE, 2000), 2000);
        ep.heartbeat(beat(HeartbeatMessage.ONLINE, 1000), 2100);
        assertFalse(ep.isOnline(2200, THRESHOLD));
    }

    @Test
    void allowedFunctionsRestrictOnlyWhenGiven() {
        Endpoint ep = new Endpoint("e1", "alice", "local", 0);
        ep.describe("local", null, false, List.of(), null, 1);
        assertTrue(ep.permits("any"));
        ep.describe("local", null, false, List.of(), List.of("f1"), 2);
        assertTrue(ep.permits("f1"));
        assertFalse(ep.permits("f2"));
    }

    @Test
    void usableByOwnerOrEveryoneWhenPublic() {
        Endpoint ep = new Endpoint("e1", "alice", "local", 0);
        ep.describe("local", null, false, List.of(), null, 1);
        assertTrue(ep.isUsableBy(new Caller("alice", Set.of())));
        assertFalse(ep.isUsableBy(new Caller("bob", Set.of())));
        ep.describe("local", null, true, List.of(), null, 2);
        assertTrue(ep.isUsableBy(new Caller("bob", Set.of())));
        ep.delete(3);
        assertFalse(ep.isUsableBy(new Caller("alice", Set.of())));
    }

    @Test
    void usableByMembersOfItsGroups() {
        Endpoint ep = new Endpoint("e1", "alice", "local", 0);
        ep.describe("local", null, false, List.of("lab-a"), null, 1);
        assertTrue(ep.isUsableBy(new Caller("carol", Set.of("user", "lab-a"))));
        assertFalse(ep.isUsableBy(new Caller("bob", Set.of("user", "lab-b"))));
        ep.describe("local", null, false, List.of(), null, 2);
        assertFalse(ep.isUsableBy(new Caller("carol", Set.of("user", "lab-a"))), "a re-registration can unshare");
    }

    @Test
    void revokingTheCredentialStartsANewGeneration() {
        Endpoint ep = new Endpoint("e1", "alice", "local", 0);
        assertEquals(1, ep.credentialGeneration());
        assertEquals(2, ep.revokeCredential());
        assertEquals(2, ep.credentialGeneration());
    }

    @Test
    void aLockHoldsUntilItExpiresAndALaterLockNeverShortensIt() {
        Endpoint ep = new Endpoint("e1", "alice", "local", 0);
        assertFalse(ep.isLocked(0));
        ep.lock(5000);
        assertTrue(ep.isLocked(4999));
        assertFalse(ep.isLocked(5000));
        ep.lock(3000);
        assertEquals(5000L, ep.lockedUntil());
        ep.lock(9000);
        assertTrue(ep.isLocked(8000));
    }
}
