package org.funcfabric.protocol;

/** Broker addresses and queue names FuncFabric uses (ARCHITECTURE.md "Messaging"). */
public final class Destinations {
    /** Prefix of the per-endpoint task queue; the endpoint id follows. */
    public static final String TASKS_PREFIX = "fabric.tasks.";
    /**
     * Prefix of the per-endpoint command address, multicast (a JMS topic): every worker and the
     * connector of the endpoint subscribe ({@link CommandMessage}); the endpoint id follows.
     */
    public static final String COMMANDS_PREFIX = "fabric.commands.";
    /** Results from every worker, consumed by the service. */
    public static final String RESULTS = "fabric.results";
    /** Heartbeats from every connector, consumed by the service. */
    public static final String HEARTBEATS = "fabric.heartbeats";
    /**
     * Multicast (a JMS topic): the service's notices that a task group has a new task event, heard by
     * every service instance. Service-only; endpoints have no permission there.
     */
    public static final String EVENTS = "fabric.events";
    /**
     * The service's {@link CredentialRevocation}s for the broker itself, which consumes them in-process.
     * Service-only.
     */
    public static final String CREDENTIALS = "fabric.credentials";
    /**
     * The JMS property in which the broker stamps the authenticated user that sent a message (Artemis
     * {@code populate-validated-user}); a client cannot set it itself. Receivers decide by it who may
     * send them what: the service takes results and heartbeats only from the endpoint they are about,
     * workers and connectors take tasks and commands only from the service's broker user.
     */
    public static final String SENDER_PROPERTY = "JMSXUserID";
    /**
     * The JMS property the broker sets on every delivery: 1 for the first, one more for each delivery
     * not acknowledged (a worker lost mid-task, a batch handed back).
     */
    public static final String DELIVERY_COUNT_PROPERTY = "JMSXDeliveryCount";
    /** The service's broker user unless {@code fabric.broker.user} names another. */
    public static final String DEFAULT_SERVICE_USER = "fabric-service";

    private Destinations() {
    }

    public static String taskQueue(String endpointId) {
        return TASKS_PREFIX + endpointId;
    }

    public static String commandTopic(String endpointId) {
        return COMMANDS_PREFIX + endpointId;
    }
}
