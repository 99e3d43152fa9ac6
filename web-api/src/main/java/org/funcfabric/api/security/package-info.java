/** Who is calling: the verified JWT turned into the core's {@link org.funcfabric.core.common.Caller}. */
package org.funcfabric.api.security;
