/**
 * The endpoint connector's entry point and assembly: the {@code funcfabric-connector} command reads
 * its options, registers the endpoint ({@code registration}), and runs an
 * {@link org.funcfabric.connector.EndpointInterchange} that keeps the workers ({@code provider}) and
 * the heartbeats ({@code heartbeat}) going until the process is stopped. The only package that knows
 * all the others; none of them depends on it.
 */
package org.funcfabric.connector;
