package io.waymark.collector;

import java.util.List;

/**
 * What happened to the messages of one call: stored, recognised as retries, refused because they
 * carry an identity of a forgotten person ({@code forgotten}), or refused as invalid (with why).
 */
public record IngestResult(int accepted, int duplicates, int forgotten, List<Rejection> rejected) {
    public record Rejection(int index, String code, String field, String message) {
    }
}
