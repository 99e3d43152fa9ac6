package org.funcfabric.protocol;

import java.util.Map;

/**
 * Task payloads for Java functions: the function's input travels as JSON ({@code 11}) in the args
 * tuple and the kwargs say whether the task is a map. Both are packed Globus Compute buffers
 * (API.md "Serialized buffers"), {@code pack([args, kwargs])}.
 *
 * <ul>
 *   <li>one call: args {@code 11\n[<input>]}, kwargs {@code 11\n{}}; the result is {@code 11\n<output>}</li>
 *   <li>map: args {@code 11\n[[<input>, …]]}, kwargs {@code 11\n{"map": true}}; the worker applies the
 *       function to every element in order and the result is {@code 11\n[<output>, …]}</li>
 * </ul>
 */
public final class JavaTaskPayload {
    /** The kwargs key that makes a task a map over its single list argument. */
    public static final String MAP_KEY = "map";

    private JavaTaskPayload() {
    }

    /** The payload of one call with {@code inputJson} (any JSON value) as the function's input. */
    public static String single(String inputJson) {
        return SerializedBuffers.pack("11\n[" + inputJson + "]", "11\n" + ProtocolJson.toJson(Map.of()));
    }

    /** The payload of a map over {@code inputsJsonArray} (a JSON array of inputs). */
    public static String map(String inputsJsonArray) {
        return SerializedBuffers.pack("11\n[" + inputsJsonArray + "]", "11\n" + ProtocolJson.toJson(Map.of(MAP_KEY, true)));
    }
}
