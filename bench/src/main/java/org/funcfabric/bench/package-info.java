/**
 * {@code ./funcfabric bench}: FuncFabric's benchmark (docs/performance.md). {@code stack} starts the
 * stack as a user would, {@code measure} runs the workloads, {@code report} formats figures in the peer
 * baselines' format, {@code peers} runs those baselines.
 */
package org.funcfabric.bench;
