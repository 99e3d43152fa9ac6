/**
 * The {@code funcfabric} command line: picocli commands that turn the user's wish ("run everything
 * here", "give me a token") into calls on the run directory, the signing keys and the local stack.
 * Commands parse and report; they hold no orchestration themselves. Exit codes: 0 done, 1 a child
 * process failed, 2 a configuration or installation problem stated in one line on stderr.
 */
package org.funcfabric.launcher;
