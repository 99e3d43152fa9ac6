package org.funcfabric.core.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.funcfabric.protocol.JavaFunctionCode;

/**
 * Size limits enforced where data enters (ARCHITECTURE.md "Rules that keep tasks safe"), from
 * MicroProfile Config; defaults as Globus Compute.
 */
@ApplicationScoped
public class Limits {
    @Inject
    @ConfigProperty(name = "fabric.limits.max-payload-bytes", defaultValue = "10485760")
    long maxPayloadBytes;

    @Inject
    @ConfigProperty(name = "fabric.limits.max-batch-bytes", defaultValue = "10485760")
    long maxBatchBytes;

    @Inject
    @ConfigProperty(name = "fabric.limits.max-function-bytes", defaultValue = "10485760")
    long maxFunctionBytes;

    @Inject
    @ConfigProperty(name = "fabric.limits.max-jar-bytes", defaultValue = "10485760")
    long maxJarBytes;

    @Inject
    @ConfigProperty(name = "fabric.limits.max-result-bytes", defaultValue = "10485760")
    long maxResultBytes;

    @Inject
    @ConfigProperty(name = "fabric.limits.max-tasks-per-batch", defaultValue = "10000")
    int maxTasksPerBatch;

    @Inject
    @ConfigProperty(name = "fabric.limits.submit-rate", defaultValue = "20")
    int submitRate;

    @Inject
    @ConfigProperty(name = "fabric.limits.submit-rate-window-s", defaultValue = "10")
    long submitRateWindowSeconds;

    public long maxPayloadBytes() {
        return maxPayloadBytes;
    }

    public long maxBatchBytes() {
        return maxBatchBytes;
    }

    /**
     * The size limits of function code: {@code max-function-bytes} for every kind, and for Java
     * functions {@code max-jar-bytes} of jar, which the code's limit is widened to carry.
     */
    public CodeSize codeSize() {
        return new CodeSize(maxFunctionBytes, maxJarBytes);
    }

    public long maxResultBytes() {
        return maxResultBytes;
    }

    public int maxTasksPerBatch() {
        return maxTasksPerBatch;
    }

    /** Submit-type requests a user may make per {@link #submitRateWindow()}; 0 is no limit. */
    public int submitRate() {
        return submitRate;
    }

    public Duration submitRateWindow() {
        return Duration.ofSeconds(submitRateWindowSeconds);
    }

    /**
     * How large a function's code may be. A Java function ({@code jv}) carries its jar base64-encoded,
     * a third larger than the jar, so its code may exceed {@code maxFunctionBytes} by as much as a
     * jar of {@code maxJarBytes} needs.
     *
     * @param maxFunctionBytes the largest {@code function_code} (UTF-8 bytes) of any kind
     * @param maxJarBytes      the largest decoded jar of a Java function
     */
    public record CodeSize(long maxFunctionBytes, long maxJarBytes) {
        /** Room in a Java function's code besides the base64 jar: the JSON, the class name, the digest. */
        public static final long JAVA_OVERHEAD_BYTES = 64 * 1024;

        /** The largest {@code function_code} (UTF-8 bytes) of a function whose buffer has {@code header}. */
        public long maxCodeBytes(String header) {
            if (!JavaFunctionCode.HEADER.equals(header)) {
                return maxFunctionBytes;
            }
            long base64Jar = (maxJarBytes + 2) / 3 * 4;
            return Math.max(maxFunctionBytes, base64Jar + JAVA_OVERHEAD_BYTES);
        }

        /** The largest {@code function_code} of any kind, for checks made before the header is known. */
        public long maxCodeBytes() {
            return maxCodeBytes(JavaFunctionCode.HEADER);
        }
    }
}
