package org.funcfabric.client.model;

import org.funcfabric.protocol.ProtocolJson;
import org.funcfabric.protocol.ShellTemplate;

/**
 * The body of a shell function's code buffer, {@code sh\n{"cmd": …, "walltime": …}}.
 *
 * @param cmd      the command template
 * @param walltime seconds, or null for no limit
 */
public record ShellCode(String cmd, Integer walltime) {
    /** The two-character buffer header of shell functions. */
    public static final String HEADER = ShellTemplate.HEADER;

    public static ShellCode of(String cmd, Integer walltimeSeconds) {
        return new ShellCode(cmd, walltimeSeconds);
    }

    /** The unpacked buffer, {@code "sh\n{json}"}. */
    public String buffer() {
        return HEADER + "\n" + ProtocolJson.toJson(this);
    }
}
