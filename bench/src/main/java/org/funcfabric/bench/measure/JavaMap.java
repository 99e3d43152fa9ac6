package org.funcfabric.bench.measure;

import java.util.List;
import java.util.stream.IntStream;

import org.funcfabric.client.FuncFabricClient;
import org.funcfabric.client.executor.FuncFabricExecutor;
import org.funcfabric.client.executor.JavaFunction;

/**
 * A Java no-op mapped over many inputs with the Java client's executor, many inputs per task: the
 * calls per second a Java user gets when the platform's cost per task is spread over a chunk.
 */
public final class JavaMap {
    private JavaMap() {
    }

    public static double callsPerSecond(FuncFabricClient client, String endpointId, JavaFunction<Integer> noop,
                                        int n, int chunk) {
        List<Integer> inputs = IntStream.range(0, n).boxed().toList();
        try (FuncFabricExecutor executor = FuncFabricExecutor.builder(client).endpoint(endpointId).build()) {
            // Registers the function (once per executor) and warms the worker's class loader: not timed.
            executor.map(noop, inputs.subList(0, Math.min(n, 100)), 100).join();
            long t0 = System.nanoTime();
            List<Integer> results = executor.map(noop, inputs, chunk).join();
            long t1 = System.nanoTime();
            if (!results.equals(inputs)) {
                throw new IllegalStateException("the Java map returned wrong results");
            }
            return n / ((t1 - t0) / 1e9);
        }
    }
}
