package org.funcfabric.worker.java;

import java.lang.reflect.Array;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The input and output types of a class implementing {@code Function<I, O>}, as JSON-B needs them to map
 * JSON to and from Java: {@code I} and {@code O} resolved through the class's superclasses and
 * superinterfaces ({@code class Square extends Base<Integer>} where {@code Base<T> implements
 * Function<T, Long>}). What stays unbound — a raw {@code Function}, a type variable — becomes its bound,
 * {@code Object} for an unbounded one, which JSON-B reads as the JSON's own shape: {@code Map},
 * {@code List}, {@code String}, {@code BigDecimal}, {@code Boolean}.
 *
 * @param input  the type {@code I} the function takes
 * @param output the type {@code O} it returns
 */
record FunctionTypes(Type input, Type output) {
    /** {@code List<I>}: the inputs of a map, read in one pass. */
    Type inputList() {
        return new Parameterized(List.class, new Type[] {input}, null);
    }

    /** Resolves {@code I} and {@code O} of {@code type}, which must implement {@link Function}. */
    static FunctionTypes of(Class<?> type) {
        FunctionTypes found = search(type, Map.of());
        if (found == null) {
            throw new IllegalArgumentException(type.getName() + " does not implement " + Function.class.getName());
        }
        return found;
    }

    /** Depth-first through the supertypes of {@code type}, with its type variables bound by {@code bindings}. */
    private static FunctionTypes search(Type type, Map<TypeVariable<?>, Type> bindings) {
        Class<?> raw;
        Map<TypeVariable<?>, Type> own = new HashMap<>();
        if (type instanceof Class<?> c) {
            raw = c;
        } else if (type instanceof ParameterizedType p) {
            raw = (Class<?>) p.getRawType();
            TypeVariable<?>[] variables = raw.getTypeParameters();
            Type[] arguments = p.getActualTypeArguments();
            for (int i = 0; i < variables.length; i++) {
                own.put(variables[i], resolve(arguments[i], bindings));
            }
        } else {
            return null;
        }
        if (raw == Function.class) {
            TypeVariable<?>[] io = Function.class.getTypeParameters();
            return new FunctionTypes(resolve(io[0], own), resolve(io[1], own));
        }
        List<Type> supertypes = new ArrayList<>(Arrays.asList(raw.getGenericInterfaces()));
        if (raw.getGenericSuperclass() != null) {
            supertypes.add(raw.getGenericSuperclass());
        }
        for (Type supertype : supertypes) {
            FunctionTypes found = search(supertype, own);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** {@code type} with its type variables replaced by their bindings, or by their bound when unbound. */
    private static Type resolve(Type type, Map<TypeVariable<?>, Type> bindings) {
        if (type instanceof TypeVariable<?> v) {
            Type bound = bindings.get(v);
            return bound != null ? bound : erasure(v);
        }
        if (type instanceof WildcardType w) {
            return resolve(w.getUpperBounds()[0], bindings);
        }
        if (type instanceof ParameterizedType p) {
            Type[] arguments = p.getActualTypeArguments().clone();
            for (int i = 0; i < arguments.length; i++) {
                arguments[i] = resolve(arguments[i], bindings);
            }
            return new Parameterized((Class<?>) p.getRawType(), arguments, p.getOwnerType());
        }
        if (type instanceof GenericArrayType a) {
            return arrayOf(erasure(resolve(a.getGenericComponentType(), bindings)));
        }
        return type;
    }

    private static Class<?> erasure(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        if (type instanceof TypeVariable<?> v) {
            return erasure(v.getBounds()[0]);
        }
        if (type instanceof WildcardType w) {
            return erasure(w.getUpperBounds()[0]);
        }
        if (type instanceof GenericArrayType a) {
            return arrayOf(erasure(a.getGenericComponentType()));
        }
        return Object.class;
    }

    private static Class<?> arrayOf(Class<?> component) {
        return Array.newInstance(component, 0).getClass();
    }

    /** A parameterized type built after resolution; equal to the JDK's own for the same type, as the contract asks. */
    private record Parameterized(Class<?> raw, Type[] arguments, Type owner) implements ParameterizedType {
        @Override
        public Type[] getActualTypeArguments() {
            return arguments.clone();
        }

        @Override
        public Type getRawType() {
            return raw;
        }

        @Override
        public Type getOwnerType() {
            return owner;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof ParameterizedType p && raw.equals(p.getRawType())
                    && Objects.equals(owner, p.getOwnerType()) && Arrays.equals(arguments, p.getActualTypeArguments());
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(arguments) ^ Objects.hashCode(owner) ^ raw.hashCode();
        }

        @Override
        public String toString() {
            return raw.getTypeName() + Arrays.stream(arguments).map(Type::getTypeName)
                    .collect(Collectors.joining(", ", "<", ">"));
        }
    }
}
