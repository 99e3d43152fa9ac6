package org.funcfabric.examples;

import java.util.function.Function;

/** The square of an integer, as a {@code long} so that every {@code int} input fits. */
public class Square implements Function<Integer, Long> {
    @Override
    public Long apply(Integer x) {
        return (long) x * x;
    }
}
