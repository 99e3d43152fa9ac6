/**
 * Registered functions: immutable code in the Globus Compute buffer format (Python) or FuncFabric's
 * own kinds (shell, Java), owned by the user who registered it. Functions are never changed after
 * storing; deleting hides them from new submissions while existing tasks keep their reference.
 */
package org.funcfabric.core.function;
