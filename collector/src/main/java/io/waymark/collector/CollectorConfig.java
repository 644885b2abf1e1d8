package io.waymark.collector;

import java.time.Duration;

/**
 * Tuning of ingestion, with the defaults used by {@code waymark serve}.
 *
 * @param segmentBytes     size at which the log rolls to a new segment file
 * @param maxPendingBytes  bytes allowed to wait for the disk before new requests get 503
 * @param loaderBatchBytes log payload bytes the loader moves into the store per transaction, at most. The default,
 *                         128 MB (about 165,000 demo events), spans more than one of DuckDB's row groups (122,880
 *                         rows): each commit of 16 MB made DuckDB rewrite its last, partly filled row group, which
 *                         cost 25 µs per event against 11 µs for transactions this large, and left a store 75% bigger
 *                         (BENCHMARKS.md). When fewer events are waiting, the loader takes what there is.
 * @param dedupWindow      how long message ids are remembered (at least; up to twice as long)
 * @param ackTimeout       longest a request waits for its fsync before it gets 503
 * @param loaderShare      while events keep arriving, the share of wall time the loader may spend loading
 *                         (1 = as much as it can); see {@code Loader}. The default, one half, leaves the request
 *                         threads the cores during bursts: on 2 cores it acknowledged 27% more events per second
 *                         than 1 in paired runs, and the store caught up no later (BENCHMARKS.md)
 * @param loaderMaxLagBytes log bytes the loader may fall behind before it loads flat out again
 */
public record CollectorConfig(long segmentBytes, long maxPendingBytes, int loaderBatchBytes, Duration dedupWindow, Duration ackTimeout,
                              double loaderShare, long loaderMaxLagBytes) {
    public static final CollectorConfig DEFAULTS =
            new CollectorConfig(64L << 20, 64L << 20, 128 << 20, Duration.ofHours(24), Duration.ofSeconds(10), 0.5, 1L << 30);

    public CollectorConfig {
        if (!(loaderShare > 0 && loaderShare <= 1)) {
            throw new IllegalArgumentException("loaderShare must be in (0, 1], got " + loaderShare);
        }
    }

    public CollectorConfig withLoaderShare(double share) {
        return new CollectorConfig(segmentBytes, maxPendingBytes, loaderBatchBytes, dedupWindow, ackTimeout, share, loaderMaxLagBytes);
    }
}
