/**
 * Java functions (header {@code jv}, API.md "FuncFabric function kinds"): a jar and the name of a class in
 * it implementing {@code java.util.function.Function<I, O>}, run inside the worker's JVM.
 * {@link org.funcfabric.worker.java.JavaExecutor} is a slot's executor; the slots share one
 * {@link org.funcfabric.worker.java.JavaFunctionCache} of loaded functions, each in a class loader of its
 * own over a jar kept on disk by SHA-256, so functions see neither the worker nor each other. Input and
 * output travel as JSON, mapped to {@code I} and {@code O} with JSON-B (Yasson). Depends on the protocol
 * module, JSON-P, JSON-B and {@code worker.task}.
 */
package org.funcfabric.worker.java;
