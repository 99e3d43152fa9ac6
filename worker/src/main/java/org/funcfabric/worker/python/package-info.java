/**
 * Python functions in the Globus Compute wire format. Each slot owns one long-lived interpreter running
 * {@code runner.py} (shipped in this package's resources), driven by one JSON line per task over its
 * stdin and stdout; the runner deserializes function and arguments with dill, calls the function and
 * serializes the result. {@link org.funcfabric.worker.python.PythonRuntime} finds and checks the
 * interpreter at start. Depends on JSON-P and {@code worker.process}.
 */
package org.funcfabric.worker.python;
