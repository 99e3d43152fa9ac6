package org.funcfabric.worker.java;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.JsonValue.ValueType;
import org.funcfabric.protocol.JavaTaskPayload;
import org.funcfabric.worker.task.JsonArguments;
import org.funcfabric.worker.task.TaskFailure;

/**
 * What a Java task asks for, read from its payload ({@link JavaTaskPayload}): one call, args
 * {@code [<input>]}, or a map, args {@code [[<input>, …]]} with kwargs <code>{"map": true}</code>.
 *
 * @param inputs the inputs in order, one for a single call
 * @param map    whether the result is the list of outputs rather than one output
 */
record JavaCall(JsonArray inputs, boolean map) {
    static JavaCall parse(String payload) throws TaskFailure {
        JsonArguments arguments = JsonArguments.parse(payload, "Java functions");
        boolean map = isMap(arguments.kwargs());
        JsonArray args = arguments.args();
        if (args.size() != 1) {
            throw new TaskFailure("TypeError: a Java function takes exactly one argument"
                    + (map ? " (the list of inputs of a map)" : "") + ", got " + args.size());
        }
        if (!map) {
            return new JavaCall(args, false);
        }
        if (!(args.get(0) instanceof JsonArray inputs)) {
            throw new TaskFailure("TypeError: the argument of a map must be a JSON array of inputs, got "
                    + args.get(0).getValueType());
        }
        return new JavaCall(inputs, true);
    }

    private static boolean isMap(JsonObject kwargs) throws TaskFailure {
        for (String key : kwargs.keySet()) {
            if (!key.equals(JavaTaskPayload.MAP_KEY)) {
                throw new TaskFailure("TypeError: Java functions take no keyword argument but \""
                        + JavaTaskPayload.MAP_KEY + "\", got \"" + key + "\"");
            }
        }
        JsonValue map = kwargs.getOrDefault(JavaTaskPayload.MAP_KEY, JsonValue.FALSE);
        if (map.getValueType() != ValueType.TRUE && map.getValueType() != ValueType.FALSE) {
            throw new TaskFailure("TypeError: \"" + JavaTaskPayload.MAP_KEY + "\" must be true or false, got " + map);
        }
        return map.getValueType() == ValueType.TRUE;
    }
}
