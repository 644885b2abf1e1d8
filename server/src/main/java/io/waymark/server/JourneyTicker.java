package io.waymark.server;

import io.waymark.activation.JourneyScheduler;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Ticks the journey scheduler on one background thread; closing waits for a tick under way to finish its transaction. */
final class JourneyTicker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JourneyTicker.class);

    private final JourneyScheduler scheduler;
    private final Duration every;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "journey-scheduler");
        t.setDaemon(true);
        return t;
    });

    /** @param every how often to tick; zero leaves ticking to the caller (tests) */
    JourneyTicker(JourneyScheduler scheduler, Duration every) {
        this.scheduler = scheduler;
        this.every = every;
    }

    void start() {
        if (every == null || every.isZero()) {
            return;
        }
        executor.scheduleWithFixedDelay(() -> {
            try {
                scheduler.tick();
            } catch (RuntimeException e) {
                LOG.warn("journey tick failed; retrying at the next one", e);
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
