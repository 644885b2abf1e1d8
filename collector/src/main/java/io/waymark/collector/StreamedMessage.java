package io.waymark.collector;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One message of a batch as {@link StreamingBatchReader} leaves it: where its JSON objects lie in
 * the request body, its scalar top-level fields, and the few nested values normalization reads
 * (the channel clues, {@code context.ip}, {@code properties.revenue}). Filled in by the reader
 * while it streams, then read once by {@link StreamedMessageEncoder}; offsets index the body.
 */
public final class StreamedMessage implements SegmentProtocol.Fields {
    /** The top-level fields normalization reads as values; other fields are only copied or skipped. */
    private static final String[] SCALARS = {
        "type", "userId", "anonymousId", "event", "name", "previousId", "groupId", "messageId", "timestamp", "originalTimestamp", "sentAt"};

    /** The message's bytes in the body, for the tree path. */
    final int from;
    int to;
    /** Set when a value has a shape only the tree path reports exactly (an object where an id belongs, say). */
    boolean needsTree;
    private final JsonNode[] scalars = new JsonNode[SCALARS.length];

    /** {@code context}: from its opening to after its closing brace; -1 when absent or null. */
    int contextFrom = -1;
    int contextTo;
    /** {@code context.ip}: from its field name to the next field name or the closing brace; -1 when absent. */
    int ipFrom = -1;
    int ipTo;
    /** {@code context.ip} when it is a string. */
    String contextIp;
    /** {@code context.traits} when it is an object. */
    int contextTraitsFrom = -1;
    int contextTraitsTo;
    String contextChannel;
    String campaignMedium;
    String libraryName;
    boolean hasPage;

    int propertiesFrom = -1;
    int propertiesTo;
    String propertiesChannel;
    /** {@code properties.revenue} when it is a number. */
    Double revenue;

    int traitsFrom = -1;
    int traitsTo;

    StreamedMessage(int from) {
        this.from = from;
    }

    /** Index of a scalar field, or -1 for fields normalization does not read as values. */
    static int scalarIndex(String field) {
        for (int i = 0; i < SCALARS.length; i++) {
            if (SCALARS[i].equals(field)) {
                return i;
            }
        }
        return -1;
    }

    void setScalar(int index, JsonNode value) {
        scalars[index] = value;
    }

    @Override
    public JsonNode get(String field) {
        int i = scalarIndex(field);
        return i < 0 ? null : scalars[i];
    }
}
