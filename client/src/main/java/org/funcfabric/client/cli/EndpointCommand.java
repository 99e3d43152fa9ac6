package org.funcfabric.client.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.funcfabric.client.model.EndpointLock;
import org.funcfabric.client.model.EndpointRole;
import org.funcfabric.client.model.EndpointStatus;
import org.funcfabric.client.model.EndpointSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code funcfabric endpoint list|status|lock|delete}. */
@Command(name = "endpoint", description = "List endpoints, show their status, lock and delete them.",
        subcommands = {EndpointCommand.ListEndpoints.class, EndpointCommand.Status.class,
                EndpointCommand.Lock.class, EndpointCommand.Delete.class})
final class EndpointCommand {

    @Command(name = "list", description = "List your endpoints (--all: every endpoint you may use).")
    static final class ListEndpoints extends FabricCommand {
        @Option(names = "--all", description = "also endpoints shared with you")
        boolean all;

        @Override
        public Integer call() {
            List<EndpointSummary> endpoints = client().listEndpoints(all ? EndpointRole.ANY : EndpointRole.OWNER);
            if (json()) {
                printJson(endpoints);
            } else {
                out().print(Table.format(List.of("ID", "NAME", "OWNER"), endpoints.stream()
                        .map(e -> List.of(e.uuid(), e.name(), e.owner())).toList()));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "status", description = "Whether an endpoint is online, and its workers and tasks.")
    static final class Status extends FabricCommand {
        @Parameters(paramLabel = "ENDPOINT", description = "id or name")
        String endpoint;

        @Override
        public Integer call() {
            EndpointStatus status = client().endpointStatus(Lookup.endpointId(client(), endpoint));
            if (json()) {
                printJson(status);
                return ExitCodes.OK;
            }
            EndpointStatus.Details d = status.details();
            String heartbeat = d.lastHeartbeat() == null ? "no heartbeat yet" : "last heartbeat "
                    + Progress.clock(Duration.between(Instant.ofEpochMilli(d.lastHeartbeat()), Instant.now())) + " ago";
            out().printf("%s: %d worker slots (%d idle), %d tasks outstanding; %s%n", status.status(),
                    d.totalWorkers(), d.idleWorkers(), d.outstandingTasks(), heartbeat);
            return ExitCodes.OK;
        }
    }

    @Command(name = "lock", description = "Lock one of your endpoints: it refuses tasks until the lock expires.")
    static final class Lock extends FabricCommand {
        @Parameters(paramLabel = "ENDPOINT", description = "id or name")
        String endpoint;

        @Override
        public Integer call() {
            EndpointLock lock = client().lockEndpoint(Lookup.endpointId(client(), endpoint));
            if (json()) {
                printJson(lock);
            } else {
                out().println("endpoint " + lock.endpointId() + " locked until " + lock.lockExpirationTimestamp());
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "delete", description = "Delete one of your endpoints.")
    static final class Delete extends FabricCommand {
        @Parameters(paramLabel = "ENDPOINT", description = "id or name")
        String endpoint;

        @Override
        public Integer call() {
            String id = Lookup.endpointId(client(), endpoint);
            client().deleteEndpoint(id);
            if (json()) {
                printJson(Map.of("deleted", id));
            } else {
                out().println("deleted endpoint " + id);
            }
            return ExitCodes.OK;
        }
    }
}
