/**
 * The {@code funcfabric} command line (picocli): login, functions, endpoints, running and watching
 * tasks, each with {@code --json} for scripts and documented exit codes ({@link
 * org.funcfabric.client.cli.ExitCodes}). Uses the client, model and executor packages and the protocol
 * module's buffer formats; holds no protocol logic of its own beyond turning command-line arguments
 * into task payloads.
 */
package org.funcfabric.client.cli;
