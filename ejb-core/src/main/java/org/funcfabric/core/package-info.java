/**
 * FuncFabric's domain core: what a function, an endpoint, a task and a task group are, and the
 * stateless services that change them inside one transaction each. Depends on Jakarta EE APIs, the
 * protocol records and nothing of JAX-RS or JMS: the JMS side is reached through {@code TaskDispatcher}.
 */
package org.funcfabric.core;
