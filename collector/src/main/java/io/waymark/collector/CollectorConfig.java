package io.waymark.collector;

import java.time.Duration;

/**
 * Tuning of ingestion, with the defaults used by {@code waymark serve}.
 *
 * @param segmentBytes     size at which the log rolls to a new segment file
 * @param maxPendingBytes  bytes allowed to wait for the disk before new requests get 503
 * @param loaderBatchBytes log payload bytes the loader moves into the store per transaction
 * @param dedupWindow      how long message ids are remembered (at least; up to twice as long)
 * @param ackTimeout       longest a request waits for its fsync before it gets 503
 */
public record CollectorConfig(long segmentBytes, long maxPendingBytes, int loaderBatchBytes, Duration dedupWindow, Duration ackTimeout) {
    public static final CollectorConfig DEFAULTS =
            new CollectorConfig(64L << 20, 64L << 20, 16 << 20, Duration.ofHours(24), Duration.ofSeconds(10));
}
