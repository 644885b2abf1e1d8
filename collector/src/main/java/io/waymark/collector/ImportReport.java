package io.waymark.collector;

import java.util.List;

/**
 * The outcome of importing a file; {@code forgotten} counts events refused because they carry an
 * identity of a forgotten person; {@code errors} holds the first few refusals with their line numbers.
 */
public record ImportReport(long imported, long duplicates, long forgotten, long rejected, List<LineError> errors) {
    public record LineError(String file, long line, String field, String message) {
    }
}
