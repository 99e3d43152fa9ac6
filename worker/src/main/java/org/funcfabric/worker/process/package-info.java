/**
 * Operating-system process handling shared by the executors that run user code in child processes
 * (shell commands, Python interpreters): their environment without the worker's settings, killing a
 * whole process tree and keeping the tail of an output stream within a memory bound. Depends on the JDK only.
 */
package org.funcfabric.worker.process;
