package org.funcfabric.examples;

import java.util.function.Function;

/** Always throws: shows how a function's exception reaches the client, as a failed task with the stack trace. */
public class Fail implements Function<String, String> {
    @Override
    public String apply(String input) {
        return check(input);
    }

    private static String check(String input) {
        throw new IllegalArgumentException("refusing '" + input + "': this function always fails");
    }
}
