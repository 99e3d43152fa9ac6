/**
 * Providers start the endpoint's workers. {@link org.funcfabric.connector.provider.LocalProcessProvider}
 * runs them as child processes of the connector ({@code java -jar funcfabric-worker.jar}), writes
 * their PID files and logs under the endpoint's directory, restarts those that die with back-off, and
 * stops them on the connector's stop; a Slurm provider will sit beside it. Depends only on the JDK:
 * what to start and with which environment comes from the caller as a
 * {@link org.funcfabric.connector.provider.WorkerLaunch}.
 */
package org.funcfabric.connector.provider;
