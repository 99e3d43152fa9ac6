package org.funcfabric.worker.java;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class FunctionTypesTest {
    static class Direct implements Function<Integer, Long> {
        @Override
        public Long apply(Integer x) {
            return null;
        }
    }

    abstract static class Base<T> implements Function<List<T>, Map<String, T>> {
    }

    static class ThroughSuperclass extends Base<Double> {
        @Override
        public Map<String, Double> apply(List<Double> x) {
            return null;
        }
    }

    interface IntOperator extends Function<Integer, Integer> {
    }

    static class ThroughInterface implements IntOperator {
        @Override
        public Integer apply(Integer x) {
            return x;
        }
    }

    @SuppressWarnings("rawtypes")
    static class Raw implements Function {
        @Override
        public Object apply(Object x) {
            return x;
        }
    }

    static class Bounded<T extends Number> implements Function<T, List<? extends CharSequence>> {
        @Override
        public List<? extends CharSequence> apply(T x) {
            return null;
        }
    }

    static class ArrayTypes implements Function<int[], String[]> {
        @Override
        public String[] apply(int[] x) {
            return null;
        }
    }

    @Test
    void typeArgumentsOfTheFunctionInterface() {
        assertTypes(Direct.class, "java.lang.Integer", "java.lang.Long");
        assertTypes(ThroughInterface.class, "java.lang.Integer", "java.lang.Integer");
        assertTypes(ArrayTypes.class, "int[]", "java.lang.String[]");
    }

    @Test
    void typeVariablesBoundBySubclassesAreResolved() {
        assertTypes(ThroughSuperclass.class, "java.util.List<java.lang.Double>",
                "java.util.Map<java.lang.String, java.lang.Double>");
    }

    @Test
    void resolvedTypesEqualTheJdksOwn() throws Exception {
        Type jdkList = ThroughSuperclass.class.getMethod("apply", List.class).getGenericParameterTypes()[0];
        assertEquals(jdkList, FunctionTypes.of(ThroughSuperclass.class).input());
        assertEquals(jdkList.hashCode(), FunctionTypes.of(ThroughSuperclass.class).input().hashCode());
    }

    @Test
    void unboundTypesBecomeTheirBounds() {
        assertTypes(Raw.class, "java.lang.Object", "java.lang.Object");
        assertTypes(Bounded.class, "java.lang.Number", "java.util.List<java.lang.CharSequence>");
    }

    private static void assertTypes(Class<?> type, String input, String output) {
        FunctionTypes types = FunctionTypes.of(type);
        assertEquals(input, types.input().getTypeName(), "input of " + type.getSimpleName());
        assertEquals(output, types.output().getTypeName(), "output of " + type.getSimpleName());
    }
}
