package org.funcfabric.client;

/**
 * A call to FuncFabric that did not succeed. {@link #errorCode()} is the service's stable code from
 * the error envelope (API.md "Error envelope", e.g. {@code FUNCTION_NOT_FOUND}) or one of the client's
 * own codes below; subclasses group the codes by what a caller does about them.
 */
public class FuncFabricException extends RuntimeException {
    /** The client's code when the service could not be reached at all. */
    public static final String SERVICE_UNREACHABLE = "SERVICE_UNREACHABLE";
    /** The client's code when an answer is not what API.md promises. */
    public static final String UNEXPECTED_RESPONSE = "UNEXPECTED_RESPONSE";

    private final String errorCode;
    private final int httpStatus;

    public FuncFabricException(String errorCode, int httpStatus, String message, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
        this.httpStatus = httpStatus;
    }

    public FuncFabricException(String errorCode, int httpStatus, String message) {
        this(errorCode, httpStatus, message, null);
    }

    /** The error code, never null. */
    public String errorCode() {
        return errorCode;
    }

    /** The HTTP status of the answer, 0 when there was none. */
    public int httpStatus() {
        return httpStatus;
    }
}
