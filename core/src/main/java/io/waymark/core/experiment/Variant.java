package io.waymark.core.experiment;

/** A variant of an experiment and its share of the traffic (weights need not sum to 1; they are normalised). */
public record Variant(String key, double weight) {
}
