/**
 * The launcher's configuration: every {@code FABRIC_*} environment knob, its default and meaning
 * ({@link org.funcfabric.launcher.config.Knob}), parsed once into typed settings. A value that cannot
 * be used becomes a {@link org.funcfabric.launcher.config.ConfigException} whose message tells the
 * user what to change. Depends on nothing but the JDK.
 */
package org.funcfabric.launcher.config;
