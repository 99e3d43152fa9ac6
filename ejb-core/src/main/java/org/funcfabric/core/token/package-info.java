/** Revocation of bearer tokens before they expire: by token ({@code jti}) or by user and issue time. */
package org.funcfabric.core.token;
