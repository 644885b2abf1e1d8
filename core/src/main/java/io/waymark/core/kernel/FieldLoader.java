package io.waymark.core.kernel;

import io.waymark.core.query.FieldPath;
import java.util.List;
import java.util.Map;

/**
 * Loads JSON fields for every row of an {@link EventColumns}, in its row order; implemented by each
 * engine. Several fields load in one pass because reading the JSON dominates the cost.
 */
@FunctionalInterface
public interface FieldLoader {
    Map<FieldPath, StringColumn> load(List<FieldPath> paths);
}
