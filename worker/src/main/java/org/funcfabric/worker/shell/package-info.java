/**
 * Shell functions (header {@code sh}, API.md "FuncFabric function kinds"): a command template whose
 * placeholders are filled, shell-quoted, from the task's JSON arguments, run by {@code /bin/sh} in its
 * own process group with a walltime, its output captured into a {@code ShellResult}-like JSON document.
 * Depends on the protocol buffers, JSON-P, {@code worker.task} and {@code worker.process}.
 */
package org.funcfabric.worker.shell;
