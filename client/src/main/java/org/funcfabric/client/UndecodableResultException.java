package org.funcfabric.client;

/**
 * A result buffer that cannot become the requested Java type: JSON of another shape, or a dill
 * ({@code 00}) buffer, which only Python reads; ask for {@code String} to get such a buffer raw.
 */
public class UndecodableResultException extends FuncFabricException {
    /** The error code of results that cannot be decoded. */
    public static final String RESULT_UNDECODABLE = "RESULT_UNDECODABLE";

    public UndecodableResultException(String message, Throwable cause) {
        super(RESULT_UNDECODABLE, 0, message, cause);
    }
}
