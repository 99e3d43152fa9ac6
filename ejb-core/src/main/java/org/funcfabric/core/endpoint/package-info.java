/**
 * Endpoints: named places that run tasks, owned by a user and reached only through their broker
 * queue. The registry registers them, hands connectors their broker access, and keeps their liveness
 * from heartbeats.
 */
package org.funcfabric.core.endpoint;
