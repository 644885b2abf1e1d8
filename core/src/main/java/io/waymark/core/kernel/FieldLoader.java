package io.waymark.core.kernel;

import io.waymark.core.query.FieldPath;

/** Loads one JSON field for every row of an {@link EventColumns}, in its row order; implemented by each engine. */
@FunctionalInterface
public interface FieldLoader {
    StringColumn load(FieldPath path);
}
