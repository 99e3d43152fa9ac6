/**
 * What every part of the core shares: the stable error codes of the API (one enum, as API.md lists
 * them), the exception that carries one, the authenticated caller, identifiers, limits, and the
 * thread pools of the task path.
 */
package org.funcfabric.core.common;
