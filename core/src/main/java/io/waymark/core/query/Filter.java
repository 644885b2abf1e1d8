package io.waymark.core.query;

import java.util.List;

/**
 * One condition on an event field, e.g. {@code {"field":"properties.category","op":"eq","value":"shoes"}}.
 * Values are compared as text for eq/neq/in/contains and as numbers for gt/lt (a value that is not
 * a number never matches gt/lt); {@code exists} matches any present, non-null value.
 */
public record Filter(FieldPath field, Op op, List<String> values, double number) {
    public enum Op { EQ, NEQ, IN, CONTAINS, GT, GTE, LT, LTE, EXISTS, NOT_EXISTS }

    public Filter {
        values = List.copyOf(values);
    }

    /** Whether a value (null when absent) satisfies the condition. */
    public boolean test(String value) {
        return switch (op) {
            case EXISTS -> value != null;
            case NOT_EXISTS -> value == null;
            case EQ, IN -> value != null && matchesAny(value);
            case NEQ -> value == null || !matchesAny(value);
            case CONTAINS -> value != null && value.contains(values.get(0));
            case GT, GTE, LT, LTE -> {
                double v = Numbers.parse(value);
                yield !Double.isNaN(v) && switch (op) {
                    case GT -> v > number;
                    case GTE -> v >= number;
                    case LT -> v < number;
                    default -> v <= number;
                };
            }
        };
    }

    /** Text equality, or numeric equality so that 3 matches a stored 3.0. */
    private boolean matchesAny(String value) {
        if (values.contains(value)) {
            return true;
        }
        double v = Numbers.parse(value);
        if (Double.isNaN(v)) {
            return false;
        }
        for (String candidate : values) {
            if (Numbers.parse(candidate) == v) {
                return true;
            }
        }
        return false;
    }
}
