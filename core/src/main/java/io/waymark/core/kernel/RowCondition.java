package io.waymark.core.kernel;

import io.waymark.core.query.Filter;
import java.util.List;

/** Compiled {@link Filter}s (all must hold) over the rows of one {@link EventColumns}. */
public final class RowCondition {
    private static final RowCondition ALWAYS = new RowCondition(new StringColumn[0], new boolean[0][]);

    private final StringColumn[] columns;
    private final boolean[][] matches;

    private RowCondition(StringColumn[] columns, boolean[][] matches) {
        this.columns = columns;
        this.matches = matches;
    }

    public static RowCondition compile(List<Filter> filters, EventColumns c) {
        if (filters.isEmpty()) {
            return ALWAYS;
        }
        StringColumn[] columns = new StringColumn[filters.size()];
        boolean[][] matches = new boolean[filters.size()][];
        for (int i = 0; i < columns.length; i++) {
            Filter f = filters.get(i);
            columns[i] = c.field(f.field());
            matches[i] = columns[i].matching(f::test);
        }
        return new RowCondition(columns, matches);
    }

    public boolean test(int row) {
        for (int i = 0; i < columns.length; i++) {
            int code = columns[i].code(row);
            boolean[] m = matches[i];
            if (!m[code == StringColumn.MISSING ? m.length - 1 : code]) {
                return false;
            }
        }
        return true;
    }
}
