package io.waymark.collector;

import java.util.List;

/** What happened to the messages of one call: stored, recognised as retries, or refused (with why). */
public record IngestResult(int accepted, int duplicates, List<Rejection> rejected) {
    public record Rejection(int index, String code, String field, String message) {
    }
}
