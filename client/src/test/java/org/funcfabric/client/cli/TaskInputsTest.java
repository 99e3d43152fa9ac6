package org.funcfabric.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.funcfabric.protocol.JavaTaskPayload;
import org.funcfabric.protocol.SerializedBuffers;
import org.junit.jupiter.api.Test;

class TaskInputsTest {

    @Test
    void valuesAreJsonWhenTheyParseAndStringsOtherwise() {
        assertEquals(new BigDecimal(3), TaskInputs.value("3"));
        assertEquals(true, TaskInputs.value("true"));
        assertEquals(List.of(new BigDecimal(1), new BigDecimal(2)), TaskInputs.value("[1,2]"));
        assertEquals("x", TaskInputs.value("\"x\""));
        assertEquals("Ada Lovelace", TaskInputs.value("Ada Lovelace"));
        assertEquals("007", TaskInputs.value("007"));
        assertEquals("12 apples", TaskInputs.value("12 apples"));
        assertEquals("", TaskInputs.value(""));
    }

    @Test
    void argPairsBecomeKwargsInOrder() {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("name", "Ada");
        expected.put("n", new BigDecimal(2));
        expected.put("eq", "a=b");

        assertEquals(expected, TaskInputs.kwargs(List.of("name=Ada", "n=2", "eq=a=b")));
        assertThrows(CliException.class, () -> TaskInputs.kwargs(List.of("novalue")));
        assertThrows(CliException.class, () -> TaskInputs.kwargs(List.of("=3")));
    }

    @Test
    void callOfAShellFunctionPacksInputsAsArgsAndPairsAsKwargs() {
        String payload = TaskInputs.call("sh", List.of("hello", "2"), List.of("name=you"));

        assertEquals(List.of("11\n[\"hello\",2]", "11\n{\"name\":\"you\"}"), SerializedBuffers.unpack(payload));
    }

    @Test
    void callOfAJavaFunctionTakesExactlyOneInput() {
        assertEquals(JavaTaskPayload.single("7"), TaskInputs.call("jv", List.of("7"), List.of()));
        assertThrows(CliException.class, () -> TaskInputs.call("jv", List.of("1", "2"), List.of()));
        assertThrows(CliException.class, () -> TaskInputs.call("jv", List.of("1"), List.of("k=v")));
        assertThrows(CliException.class, () -> TaskInputs.line("jv", "1 2", 3));
    }

    @Test
    void linesAreKwargsArgsOrOneArgumentAndAJavaFunctionsInput() {
        assertEquals(List.of("11\n[]", "11\n{\"x\":\"a b\"}"), SerializedBuffers.unpack(TaskInputs.line("sh", "{\"x\": \"a b\"}", 1)));
        assertEquals(List.of("11\n[1,2]", "11\n{}"), SerializedBuffers.unpack(TaskInputs.line("st", "[1, 2]", 1)));
        assertEquals(List.of("11\n[5]", "11\n{}"), SerializedBuffers.unpack(TaskInputs.line("st", "5", 1)));
        assertEquals(List.of("11\n[null]", "11\n{}"), SerializedBuffers.unpack(TaskInputs.line("st", "null", 1)));
        assertEquals(JavaTaskPayload.single("[1,2]"), TaskInputs.line("jv", "[1, 2]", 1));
    }

    @Test
    void aLineThatIsNotJsonNamesItsNumber() {
        CliException e = assertThrows(CliException.class, () -> TaskInputs.line("jv", "not json", 7));

        assertEquals(true, e.getMessage().startsWith("line 7 is not one JSON value"), e.getMessage());
    }
}
