package org.funcfabric.worker;

import java.nio.file.Path;
import java.time.Duration;
import org.funcfabric.protocol.AllowedFunctions;
import org.funcfabric.protocol.Destinations;
import org.funcfabric.protocol.TrustedSender;

/**
 * A worker's settings.
 *
 * @param brokerUrl      Artemis core URL, e.g. {@code tcp://127.0.0.1:61616}
 * @param brokerUser     broker user, or null for none
 * @param brokerPassword broker password, or null for none
 * @param endpointId     the endpoint whose tasks this worker runs; written into every result
 * @param queue          the task queue, by default {@code fabric.tasks.<endpoint-id>}
 * @param slots          tasks run at the same time
 * @param workerId       this process's id in results and logs
 * @param stopGrace      how long a stop lets running tasks finish before giving them back to the broker
 * @param jarCache       where the jars of Java functions are kept, by default {@link #defaultJarCache()}
 * @param defaultTimeout how long a task that names no {@code timeout_s} may run; zero (or null) for no limit
 * @param spoolDir       where results that could not be sent wait, by default {@link #defaultSpool(String)}
 * @param allowedFunctions the only functions whose tasks may run here, by default any
 * @param trustedSender  the broker user whose tasks and commands are acted on, by default the service's
 *                       {@value Destinations#DEFAULT_SERVICE_USER}
 */
public record WorkerConfig(String brokerUrl, String brokerUser, String brokerPassword, String endpointId,
                           String queue, int slots, String workerId, Duration stopGrace, Path jarCache,
                           Duration defaultTimeout, Path spoolDir, AllowedFunctions allowedFunctions,
                           TrustedSender trustedSender) {
    public static final int DEFAULT_SLOTS = 2;
    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(5);

    /**
     * @throws IllegalArgumentException naming the setting that is missing or invalid
     */
    public WorkerConfig {
        if (brokerUrl == null || brokerUrl.isBlank()) {
            throw new IllegalArgumentException("missing broker URL: set --broker-url or FABRIC_BROKER_URL");
        }
        if (endpointId == null || endpointId.isBlank()) {
            throw new IllegalArgumentException("missing endpoint id: set --endpoint-id or FABRIC_ENDPOINT_ID");
        }
        if (slots < 1) {
            throw new IllegalArgumentException("--slots must be at least 1, got " + slots);
        }
        if (workerId == null || workerId.isBlank()) {
            throw new IllegalArgumentException("the worker id must not be empty");
        }
        if (stopGrace == null || stopGrace.isNegative()) {
            throw new IllegalArgumentException("the stop grace must not be negative");
        }
        if (defaultTimeout != null && defaultTimeout.isNegative()) {
            throw new IllegalArgumentException("--default-timeout must not be negative (0 for none)");
        }
        defaultTimeout = defaultTimeout == null ? Duration.ZERO : defaultTimeout;
        spoolDir = spoolDir == null ? defaultSpool(endpointId) : spoolDir;
        queue = queue == null || queue.isBlank() ? Destinations.taskQueue(endpointId) : queue;
        brokerUser = brokerUser == null || brokerUser.isBlank() ? null : brokerUser;
        jarCache = jarCache == null ? defaultJarCache() : jarCache;
        allowedFunctions = allowedFunctions == null ? AllowedFunctions.ANY : allowedFunctions;
        trustedSender = trustedSender == null ? new TrustedSender(Destinations.DEFAULT_SERVICE_USER) : trustedSender;
    }

    /**
     * {@code ~/.funcfabric/jar-cache}: beside the connector's endpoint directories, kept across restarts,
     * and shared by the user's workers on the machine, which each jar then costs one write.
     */
    public static Path defaultJarCache() {
        return Path.of(System.getProperty("user.home"), ".funcfabric", "jar-cache");
    }

    /** {@code ~/.funcfabric/spool/<endpoint-id>}: kept across restarts, so a restarted worker re-sends what it spooled. */
    public static Path defaultSpool(String endpointId) {
        return Path.of(System.getProperty("user.home"), ".funcfabric", "spool", endpointId);
    }

    /** Keeps the password out of logs. */
    @Override
    public String toString() {
        return "WorkerConfig[brokerUrl=" + brokerUrl + ", brokerUser=" + brokerUser + ", brokerPassword="
                + (brokerPassword == null ? "none" : "***") + ", endpointId=" + endpointId + ", queue=" + queue
                + ", slots=" + slots + ", workerId=" + workerId + ", stopGrace=" + stopGrace + ", jarCache=" + jarCache
                + ", defaultTimeout=" + defaultTimeout + ", spoolDir=" + spoolDir
                + ", allowedFunctions=" + (allowedFunctions.isRestricted() ? allowedFunctions : "any")
                + ", trustedSender=" + trustedSender.user() + "]";
    }
}
