package org.funcfabric.worker.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;
import org.funcfabric.worker.task.TaskFailure;
import org.junit.jupiter.api.Test;

class ShellTemplateTest {
    private static JsonValue str(String s) {
        return Json.createValue(s);
    }

    @Test
    void fillsNamedAndPositionalPlaceholdersQuoted() throws Exception {
        String cmd = ShellTemplate.fill("echo {greeting} {0} {1}", List.of(str("a b"), Json.createValue(42)),
                Map.of("greeting", str("hi")));
        assertEquals("echo 'hi' 'a b' '42'", cmd);
    }

    @Test
    void autoNumbersEmptyPlaceholders() throws Exception {
        assertEquals("cp 'x' 'y'", ShellTemplate.fill("cp {} {}", List.of(str("x"), str("y")), Map.of()));
    }

    @Test
    void quotesSingleQuotesSoNothingIsInjected() throws Exception {
        String cmd = ShellTemplate.fill("echo {v}", List.of(), Map.of("v", str("it's; rm -rf / $(x) `y`")));
        assertEquals("echo 'it'\\''s; rm -rf / $(x) `y`'", cmd);
    }

    @Test
    void doubledBracesAreLiteral() throws Exception {
        assertEquals("awk '{print $1}' 'f'", ShellTemplate.fill("awk '{{print $1}}' {0}", List.of(str("f")), Map.of()));
    }

    @Test
    void nonStringValuesBecomeCompactJson() throws Exception {
        JsonValue obj = Json.createObjectBuilder().add("a", 1).add("b", Json.createArrayBuilder().add(true)).build();
        assertEquals("x 'true' 'null' '{\"a\":1,\"b\":[true]}' '1.5'", ShellTemplate.fill("x {0} {1} {2} {3}",
                List.of(JsonValue.TRUE, JsonValue.NULL, obj, Json.createValue(1.5)), Map.of()));
    }

    @Test
    void missingPlaceholderIsAKeyError() {
        var e = assertThrows(TaskFailure.class,
                () -> ShellTemplate.fill("echo {name} {0}", List.of(str("x")), Map.of()));
        assertEquals("KeyError: missing argument 'name' for shell template", e.getMessage());
        var positional = assertThrows(TaskFailure.class,
                () -> ShellTemplate.fill("echo {1}", List.of(str("x")), Map.of()));
        assertEquals("KeyError: missing argument '1' for shell template", positional.getMessage());
    }
}
