package io.waymark.store;

import io.waymark.core.error.ErrorCode;
import io.waymark.core.error.WaymarkException;
import io.waymark.core.kernel.EventColumns;
import java.util.function.Function;

/**
 * Keeps the latest {@link EventColumns} of the store in memory and rebuilds them when the data
 * version moved, so repeated analyses scan arrays instead of re-reading DuckDB.
 */
final class EventColumnsCache {
    private final DuckDbEventStore store;
    private final PersonMapRefresher persons;
    private final EventColumnsLoader loader;
    private EventColumnsLoader.Loaded current;

    EventColumnsCache(DuckDbEventStore store, PersonMapRefresher persons) {
        this.store = store;
        this.persons = persons;
        this.loader = new EventColumnsLoader(store);
    }

    /** Runs {@code analysis} on current columns; rebuilds if a lazy field load found them stale. */
    <R> R with(Function<EventColumns, R> analysis) {
        for (int attempt = 1; ; attempt++) {
            EventColumnsLoader.Loaded used = current();
            try {
                return analysis.apply(used.columns());
            } catch (EventColumnsLoader.StaleException e) {
                synchronized (this) {
                    if (current == used) {
                        current = null;
                    }
                }
                if (attempt == 3) {
                    throw new WaymarkException(ErrorCode.OVERLOADED, "identities changed during the analysis three times; retry");
                }
            }
        }
    }

    private synchronized EventColumnsLoader.Loaded current() {
        if (current == null || current.version() != store.version()) {
            current = null; // let the old columns be collected before the new ones are read
            persons.refresh();
            current = loader.load();
        }
        return current;
    }
}
