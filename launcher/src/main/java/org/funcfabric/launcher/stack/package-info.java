/**
 * The local FuncFabric stack that {@code funcfabric up} runs: the Artemis broker, Payara Micro with the
 * resource adapter and the service WAR, and a local endpoint connector, started in that order as
 * child processes, each waited for until it is ready, and stopped in the reverse order (broker last).
 * Also what the service is told at start (its system properties) and what the user is told once it is
 * ready (the banner). Depends on the configuration, home, auth and process packages.
 */
package org.funcfabric.launcher.stack;
