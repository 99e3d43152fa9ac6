/**
 * Example Java functions (API.md "FuncFabric function kinds", header {@code jv}): public classes with a
 * public no-argument constructor implementing {@link java.util.function.Function}, whose input and output
 * travel as JSON. They depend on the Java SE platform only, as a function must: the worker runs each
 * function's jar in its own class loader that sees nothing else.
 */
package org.funcfabric.examples;
