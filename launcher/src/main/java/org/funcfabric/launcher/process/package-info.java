/**
 * Child processes and the probes around them: starting a program with its output in a log file,
 * stopping it politely and then firmly (its descendants too), waiting for a condition while watching
 * that the process is still alive, checking ports, reading the end of a log, and remembering the
 * children so that those of a launcher killed outright are stopped by the next one. Knows nothing about
 * which programs FuncFabric runs; depends on the configuration package only.
 */
package org.funcfabric.launcher.process;
