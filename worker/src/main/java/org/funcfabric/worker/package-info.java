/**
 * The worker process (ARCHITECTURE.md "Processes and the path of one task"): its command line and
 * logging ({@link org.funcfabric.worker.Main}), its settings ({@link org.funcfabric.worker.WorkerConfig})
 * and its lifecycle ({@link org.funcfabric.worker.Worker}), which wires the broker connection, one
 * subscriber per slot and each slot's executors together. Everything else in the worker hangs off this
 * package; nothing depends on it.
 */
package org.funcfabric.worker;
