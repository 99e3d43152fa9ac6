/**
 * Running functions as futures: {@link org.funcfabric.client.executor.FuncFabricExecutor} registers
 * Java functions and shell commands on first use, batches submissions in the background, and completes
 * each {@link org.funcfabric.client.executor.TaskFuture} from its task group's event stream, polling as
 * the fallback ({@link org.funcfabric.client.executor.TaskGroupMonitor}). Built on
 * {@link org.funcfabric.client.FuncFabricClient} and its model; the command line uses it, never the
 * reverse.
 */
package org.funcfabric.client.executor;
