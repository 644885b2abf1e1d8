package io.waymark.core.demo;

/** A UTM campaign as it appears in {@code context.campaign}; {@code channel} is what Waymark infers from the medium. */
record Campaign(String source, String medium, String name, String channel) {
}
