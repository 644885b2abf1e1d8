package io.waymark.server;

import io.waymark.store.SegmentEngine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the membership tables of saved segments current: checks every {@code checkEvery} and refreshes all
 * segments when new events were stored since the last refresh and at least {@code minInterval} passed, or when
 * {@code maxAge} passed (relative windows such as "in the last 7 days" move with the clock even without new events).
 * The minimum interval matters under constant ingestion: every refresh after new data re-reads the event columns, which
 * costs seconds of CPU on large stores and would otherwise compete with ingestion all the time. One thread, so
 * scheduled refreshes never overlap.
 */
final class SegmentRefresher implements AutoCloseable {
    static final Duration CHECK_EVERY = Duration.ofSeconds(30);
    static final Duration MIN_INTERVAL = Duration.ofMinutes(2);
    static final Duration MAX_AGE = Duration.ofMinutes(15);
    private static final Logger LOG = LoggerFactory.getLogger(SegmentRefresher.class);

    private final SegmentEngine segments;
    private final LongSupplier dataVersion;
    private final Clock clock;
    private final Duration minInterval;
    private final Duration maxAge;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "segment-refresher");
        t.setDaemon(true);
        return t;
    });
    private long refreshedVersion = Long.MIN_VALUE;
    private Instant refreshedAt = Instant.MIN;

    SegmentRefresher(SegmentEngine segments, LongSupplier dataVersion, Clock clock, Duration minInterval, Duration maxAge) {
        this.minInterval = minInterval;
        this.segments = segments;
        this.dataVersion = dataVersion;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    void start(Duration checkEvery) {
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                refreshIfDue();
            } catch (RuntimeException e) {
                LOG.warn("segment refresh failed; retrying at the next check", e);
            }
        }, checkEvery.toMillis(), checkEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Refreshes every saved segment if it is due (see the class comment); returns whether it did. */
    synchronized boolean refreshIfDue() {
        long version = dataVersion.getAsLong();
        Instant now = clock.instant();
        boolean newData = version != refreshedVersion && !now.isBefore(refreshedAt.plus(minInterval));
        if (!newData && now.isBefore(refreshedAt.plus(maxAge))) {
            return false;
        }
        var done = segments.refreshAll();
        if (!done.isEmpty()) {
            LOG.info("refreshed {} segments", done.size());
        }
        refreshedVersion = version;
        refreshedAt = now;
        return true;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            // a refresh under way finishes its transaction before the store closes
            scheduler.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
