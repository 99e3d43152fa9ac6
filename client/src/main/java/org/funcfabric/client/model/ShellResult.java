package org.funcfabric.client.model;

/**
 * The result of a shell function (its {@code 11} buffer).
 *
 * @param returncode 124 when the walltime ended the command
 */
public record ShellResult(int returncode, String stdout, String stderr, String cmd) {
}
