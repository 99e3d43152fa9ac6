/**
 * The run directory ({@code FABRIC_HOME}) and the installed artifacts: the directory layout, files
 * readable by the owner only, the secrets generated on first start and kept for every later one, and
 * the lib directory the launcher starts its programs from. Depends on the configuration package only.
 */
package org.funcfabric.launcher.home;
