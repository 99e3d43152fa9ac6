package org.funcfabric.examples;

import java.util.function.Function;

/** Hands its input back: what is left of a call is the platform's own cost (the benchmark's Java no-op). */
public class Noop implements Function<Integer, Integer> {
    @Override
    public Integer apply(Integer x) {
        return x;
    }
}
