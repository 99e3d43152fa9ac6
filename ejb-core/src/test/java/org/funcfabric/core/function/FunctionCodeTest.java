package org.funcfabric.core.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.jar.JarOutputStream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import org.funcfabric.core.common.ErrorCode;
import org.funcfabric.core.common.FabricException;
import org.funcfabric.core.common.Limits.CodeSize;
import org.funcfabric.protocol.JavaFunctionCode;
import org.funcfabric.protocol.ProtocolJson;
import org.funcfabric.protocol.SerializedBuffers;
import org.junit.jupiter.api.Test;

class FunctionCodeTest {
    private static final CodeSize LIMIT = new CodeSize(1000, 1000);

    @Test
    void bareShellCodeIsStoredPacked() {
        FunctionCode code = FunctionCode.normalize("sh\n{\"cmd\": \"true\"}", LIMIT);
        assertEquals("sh", code.header());
        assertEquals("18\nsh\n{\"cmd\": \"true\"}", code.packed());
    }

    @Test
    void packedCodeAsTheSdkSendsItIsKept() {
        String packed = "8\nst\nabcde";
        assertEquals(packed, FunctionCode.normalize(packed, LIMIT).packed());
    }

    @Test
    void unknownHeaderIsSemanticallyInvalid() {
        assertEquals(ErrorCode.SEMANTICALLY_INVALID, code(() -> FunctionCode.normalize("zz\nbody", LIMIT)));
    }

    @Test
    void missingHeaderIsSemanticallyInvalid() {
        assertEquals(ErrorCode.SEMANTICALLY_INVALID, code(() -> FunctionCode.normalize("no header here", LIMIT)));
    }

    @Test
    void twoPackedBuffersAreRefused() {
        assertEquals(ErrorCode.SEMANTICALLY_INVALID, code(() -> FunctionCode.normalize("5\n11\n[]5\n11\n{}", LIMIT)));
    }

    @Test
    void emptyCodeIsAKeyError() {
        assertEquals(ErrorCode.REQUEST_KEY_ERROR, code(() -> FunctionCode.normalize(" ", LIMIT)));
        assertEquals(ErrorCode.REQUEST_KEY_ERROR, code(() -> FunctionCode.normalize(null, LIMIT)));
    }

    @Test
    void oversizedCodeIsTooLarge() {
        assertEquals(ErrorCode.FUNCTION_TOO_LARGE, code(() -> FunctionCode.normalize("sh\n" + "x".repeat(2000), LIMIT)));
    }

    @Test
    void shellPlaceholderWhereNoQuotingHoldsIsSemanticallyInvalidAndNamed() {
        FabricException e = assertThrows(FabricException.class,
                () -> FunctionCode.normalize("sh\n{\"cmd\": \"echo $(cat {x})\"}", LIMIT));
        assertEquals(ErrorCode.SEMANTICALLY_INVALID, e.code());
        assertTrue(e.getMessage().startsWith("invalid shell function: placeholder {x} sits inside $(…); "), e.getMessage());
    }

    @Test
    void shellPlaceholdersAsWordsOrInsideQuotesAreAccepted() {
        String code = "sh\n{\"cmd\": \"echo {x} '{y}' \\\"{z}\\\" $(date)\", \"walltime\": 5}";
        assertEquals("sh", FunctionCode.normalize(code, LIMIT).header());
    }

    @Test
    void shellBodyThatIsNoTemplateIsLeftToTheWorker() {
        assertEquals("sh", FunctionCode.normalize("sh\nnot json {x}", LIMIT).header());
        assertEquals("sh", FunctionCode.normalize("sh\n{\"command\": \"$({x})\"}", LIMIT).header());
    }

    @Test
    void javaFunctionIsStoredPackedWithItsSha256() {
        byte[] jar = jar(10);
        String withoutDigest = "jv\n" + ProtocolJson.toJson(new JavaFunctionCode("org.example.Square",
                Base64.getEncoder().encodeToString(jar), null));

        FunctionCode code = FunctionCode.normalize(withoutDigest, LIMIT);

        assertEquals("jv", code.header());
        assertEquals(SerializedBuffers.pack(JavaFunctionCode.of("org.example.Square", jar).buffer()), code.packed());
        assertTrue(code.packed().contains("\"sha256\":\"" + JavaFunctionCode.sha256Of(jar) + "\""), code.packed());
    }

    @Test
    void packedJavaFunctionIsAccepted() {
        String buffer = JavaFunctionCode.of("org.example.Square", jar(10)).buffer();
        assertEquals(SerializedBuffers.pack(buffer), FunctionCode.normalize(SerializedBuffers.pack(buffer), LIMIT).packed());
    }

    @Test
    void javaCodeMayExceedTheFunctionLimitByWhatItsJarNeeds() {
        // 900 bytes of jar are 1200 characters of base64: over max-function-bytes, within max-jar-bytes.
        CodeSize limits = new CodeSize(1000, 2000);
        String buffer = JavaFunctionCode.of("org.example.Big", jar(900)).buffer();
        assertTrue(buffer.length() > 1000, "the test needs code over max-function-bytes");

        assertEquals("jv", FunctionCode.normalize(buffer, limits).header());
        assertEquals(ErrorCode.FUNCTION_TOO_LARGE,
                code(() -> FunctionCode.normalize("sh\n" + "x".repeat(1200), limits)), "other kinds keep the limit");
    }

    @Test
    void jarOverTheJarLimitIsTooLarge() {
        CodeSize limits = new CodeSize(1_000_000, 500);
        FabricException e = assertThrows(FabricException.class,
                () -> FunctionCode.normalize(JavaFunctionCode.of("org.example.Big", jar(600)).buffer(), limits));
        assertEquals(ErrorCode.FUNCTION_TOO_LARGE, e.code());
        assertTrue(e.getMessage().matches("the jar of \\d+ bytes exceeds the limit of 500 bytes"), e.getMessage());
    }

    @Test
    void javaCodeOverItsWidenedLimitIsTooLargeBeforeItIsParsed() {
        CodeSize limits = new CodeSize(100, 100);
        String huge = "jv\n{\"class\": \"org.example.Big\", \"jar\": \"" + "A".repeat(100_000) + "\"}";
        assertEquals(ErrorCode.FUNCTION_TOO_LARGE, code(() -> FunctionCode.normalize(huge, limits)));
    }

    @Test
    void invalidJavaFunctionsAreSemanticallyInvalidWithTheParsersReason() {
        String jar = Base64.getEncoder().encodeToString(jar(10));
        assertInvalid("jv\nnot json", "malformed JavaFunctionCode");
        assertInvalid("jv\n{\"class\": \"no spaces allowed\", \"jar\": \"" + jar + "\"}", "needs \"class\"");
        assertInvalid("jv\n{\"class\": \"org.example.Square\"}", "needs \"jar\"");
        assertInvalid("jv\n{\"class\": \"org.example.Square\", \"jar\": \"***\"}", "not base64");
        assertInvalid("jv\n{\"class\": \"org.example.Square\", \"jar\": \"aGVsbG8=\"}", "not a jar");
        assertInvalid("jv\n{\"class\": \"org.example.Square\", \"jar\": \"" + jar + "\", \"sha256\": \"" + "0".repeat(64)
                + "\"}", "does not match the jar");
    }

    private static void assertInvalid(String code, String reason) {
        FabricException e = assertThrows(FabricException.class, () -> FunctionCode.normalize(code, LIMIT), code);
        assertEquals(ErrorCode.SEMANTICALLY_INVALID, e.code(), e::getMessage);
        assertTrue(e.getMessage().startsWith("invalid Java function: ") && e.getMessage().contains(reason),
                e.getMessage());
    }

    /** A real jar holding one entry of {@code size} bytes, stored uncompressed so the jar grows with it. */
    private static byte[] jar(int size) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes)) {
            ZipEntry entry = new ZipEntry("data.bin");
            byte[] data = new byte[size];
            Arrays.fill(data, (byte) 7);
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(size);
            CRC32 crc = new CRC32();
            crc.update(data);
            entry.setCrc(crc.getValue());
            out.putNextEntry(entry);
            out.write(data);
            out.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static ErrorCode code(Runnable r) {
        return assertThrows(FabricException.class, r::run).code();
    }
}
