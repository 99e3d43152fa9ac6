package org.funcfabric.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ShellTemplateTest {
    @TempDir
    static Path dir;

    /** Each template prints its placeholders' values between known text, so the output is exact. */
    private static final List<String> TEMPLATES = List.of(
            "printf '%s' {x}",
            "printf '%s' \"{x}\"",
            "printf '%s' '{x}'",
            "printf '%s' a{x}b \"a{x}b\" 'a{x}b'",
            "printf '%s' \"$HOME\" >/dev/null; printf '%s|' {x} \"{x}\" '{x}'",
            "(printf '%s' \"<{x}>\")",
            "f() {{ printf '%s' \"$1\"; }}; f {x}",
            "printf '%s' \"$(printf a)\" `printf b` $((1+1)) ${{HOME+c}} \"{x}\"",
            "printf '%s' a#{x} # a comment after the placeholder",
            "printf '%s' {x} <<EOF\nhere-document text, never read by the check\nEOF");

    private static final List<String> HOSTILE = List.of(
            "$(echo INJ)", "`echo INJ`", "'; echo INJ; '", "\"; echo INJ; \"", "\"", "'", "\\", "\\\\", "\\\"",
            "'\"'\"'", "a\nb", "\n echo INJ\n", "$HOME", "${HOME}", "$((6*7))", "*", "-n", "", " ",
            "\u00fcn\u00efc\u00f6de \uD83D\uDE00", "!!", "$'\\x41'", "\"$(echo INJ)\"", "'$(echo INJ)'",
            "\\\"; echo INJ #", "}", "{x}", "%s", "a b\tc");

    /** /bin/sh is dash on Debian and Ubuntu, bash on other systems: the quoting must hold in both. */
    static Stream<Arguments> shellsTemplatesAndHostileValues() {
        List<Arguments> cases = new ArrayList<>();
        for (String shell : List.of("/bin/sh", "/bin/bash")) {
            if (!Files.isExecutable(Path.of(shell))) {
                continue;
            }
            for (String template : TEMPLATES) {
                for (String value : HOSTILE) {
                    cases.add(Arguments.of(shell, template, value));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest
    @MethodSource("shellsTemplatesAndHostileValues")
    void hostileValuesArePrintedLiterally(String shell, String template, String value) throws Exception {
        ShellTemplate parsed = ShellTemplate.parse(template);
        String command = parsed.fill(name -> value);
        String expected = run(shell, parsed.fill(name -> "X")).replace("X", value);
        assertEquals(expected, run(shell, command), command);
    }

    @Test
    void aValueThatWouldTouchAFileTouchesNothing() throws Exception {
        Path marker = dir.resolve("marker");
        for (String value : List.of("$(touch " + marker + ")", "`touch " + marker + "`", "'; touch " + marker + "; '",
                "\"; touch " + marker + "; \"", "\n touch " + marker + "\n")) {
            for (String template : TEMPLATES) {
                run("/bin/sh", ShellTemplate.parse(template).fill(name -> value));
            }
        }
        assertFalse(Files.exists(marker), "a value was executed");
    }

    static Stream<Arguments> refusedTemplates() {
        return Stream.of(
                Arguments.of("echo $(cat {x})", "sits inside $(…)"),
                Arguments.of("echo \"$(cat \"{x}\")\"", "sits inside $(…)"),
                Arguments.of("echo `cat {x}`", "sits inside `…`"),
                Arguments.of("echo \"`cat {x}`\"", "sits inside `…`"),
                Arguments.of("echo ${{HOME:-{x}}}", "sits inside ${…}"),
                Arguments.of("echo \"${{HOME:-{x}}}\"", "sits inside ${…}"),
                Arguments.of("echo $(( {x} + 1 ))", "sits inside arithmetic"),
                Arguments.of("(( {x} > 1 )) && echo big", "sits inside arithmetic"),
                Arguments.of("echo $[ {x} ]", "sits inside arithmetic $[…]"),
                Arguments.of("echo $'{x}'", "sits inside $'…'"),
                Arguments.of("echo hi # {x}", "sits inside a comment"),
                Arguments.of("echo \\{x}", "follows a backslash"),
                Arguments.of("echo \"\\{x}\"", "follows a backslash"),
                Arguments.of("echo ${x}", "follows a $"),
                Arguments.of("echo \"${x}\"", "follows a $"),
                Arguments.of("cat <<EOF\n{x}\nEOF", "follows a here-document"),
                Arguments.of("cat <<<{x}", "follows a here-document"),
                Arguments.of("echo '{x}", "it ends inside '…'"),
                Arguments.of("echo \"{x}", "it ends inside \"…\""),
                Arguments.of("echo `date +'%s'` {x}", "a quote inside `…`"),
                Arguments.of("echo \"${{v:-'a'}}\" {x}", "a quote inside \"${…}\""),
                Arguments.of("echo \"$(case a in a) echo {x};; esac)\"", "a case inside $(…)"),
                Arguments.of("echo {x} $(cat {y})", "sits inside $(…)"));
    }

    @ParameterizedTest
    @MethodSource("refusedTemplates")
    void placeholdersWhereNoQuotingHoldsAreRefusedWithTheReason(String template, String reason) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> ShellTemplate.parse(template));
        assertTrue(e.getMessage().startsWith("placeholder {"), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertTrue(e.getMessage().endsWith("and its value is quoted for that place"), e.getMessage());
    }

    @Test
    void theMessageNamesThePlaceholderAsWritten() {
        ProtocolException e = assertThrows(ProtocolException.class, () -> ShellTemplate.parse("echo ok {x} $(cat {})"));
        assertEquals("placeholder {} sits inside $(…); a placeholder may stand where the shell reads a word, or"
                + " inside '…' or \"…\", and its value is quoted for that place", e.getMessage());
    }

    @Test
    void eachPlaceIsQuotedItsOwnWay() {
        ShellTemplate template = ShellTemplate.parse("echo {x} '{x}' \"{x}\"");
        assertEquals("echo 'it'\\''s' 'it'\\''s' \"it's\"", template.fill(name -> "it's"));
        assertEquals("echo '\\$`\"' '\\$`\"' \"\\\\\\$\\`\\\"\"", template.fill(name -> "\\$`\""));
    }

    @Test
    void namesFollowStrFormat() {
        ShellTemplate template = ShellTemplate.parse("cp {} {} {1} {k} {{literal}}");
        assertEquals(List.of("0", "1", "1", "k"), template.names());
        assertEquals("cp 'a' 'b' 'b' 'v' {literal}",
                template.fill(name -> switch (name) {
                    case "0" -> "a";
                    case "1" -> "b";
                    default -> "v";
                }));
    }

    @Test
    void aCommandWithoutPlaceholdersIsNeverRefused() {
        assertEquals("echo '$(", ShellTemplate.parse("echo '$(").fill(name -> "unused"));
    }

    private static String run(String shell, String command) throws IOException, InterruptedException {
        // The command goes through a file, so that its bytes are UTF-8 whatever the JVM's locale.
        Path script = Files.createTempFile(dir, "cmd", ".sh");
        Files.writeString(script, command, StandardCharsets.UTF_8);
        Process process = new ProcessBuilder(shell, script.toString())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        byte[] out = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the shell did not end: " + command);
        return new String(out, StandardCharsets.UTF_8);
    }
}
