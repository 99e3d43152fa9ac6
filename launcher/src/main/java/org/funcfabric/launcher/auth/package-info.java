/**
 * Development authentication: the RSA key pair the service verifies MicroProfile JWTs with (generated
 * in the run directory on first start, never committed) and the tokens the launcher mints with it.
 * Uses jose4j for keys and JWS; depends on the home and configuration packages.
 */
package org.funcfabric.launcher.auth;
