/**
 * Shell functions (header {@code sh}, API.md "FuncFabric function kinds"): a command template whose
 * placeholders are filled from the task's JSON arguments, each quoted for where it stands (protocol
 * {@code ShellTemplate}, which also refuses templates with placeholders elsewhere), run by {@code /bin/sh}
 * in its own process group with a walltime, its output captured into a {@code ShellResult}-like JSON document.
 * Depends on the protocol buffers, JSON-P, {@code worker.task} and {@code worker.process}.
 */
package org.funcfabric.worker.shell;
