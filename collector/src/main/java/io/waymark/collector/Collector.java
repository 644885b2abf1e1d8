package io.waymark.collector;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.core.error.ErrorCode;
import io.waymark.core.error.WaymarkException;
import io.waymark.core.event.Event;
import io.waymark.core.event.EventType;
import io.waymark.core.query.ProfileSpec;
import io.waymark.store.DataDirectory;
import io.waymark.store.DuckDbEventStore;
import io.waymark.store.EventRowCodec;
import io.waymark.store.ForgetReport;
import io.waymark.store.PersonEraser;
import io.waymark.store.PersonIdentities;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Ingestion as one unit: validate with {@link SegmentProtocol}, drop retried message ids, append
 * the accepted events to the {@link AppendLog} and return only once they are fsynced; a
 * {@link Loader} moves them into the store behind the scenes.
 */
public final class Collector implements AutoCloseable {
    private final SegmentProtocol protocol = new SegmentProtocol();
    private final CollectorConfig config;
    private final DuckDbEventStore store;
    private final AppendLog log;
    private final Loader loader;
    private final MessageIdWindow seen;
    private final ConcurrentHashMap<String, CompletableFuture<Long>> inFlight = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Quarantine quarantine;
    private final java.util.List<AckListener> ackListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Told about events once they are acknowledged (durable), on the acknowledging thread: must return quickly. */
    @FunctionalInterface
    public interface AckListener {
        /** @param rows the acknowledged events as {@code EventRowCodec} rows */
        void acknowledged(int count, byte[] rows);
    }

    private Collector(CollectorConfig config, DuckDbEventStore store, AppendLog log, MessageIdWindow seen, Clock clock, Path quarantine) {
        this.config = config;
        this.store = store;
        this.log = log;
        this.seen = seen;
        this.clock = clock;
        this.quarantine = new Quarantine(quarantine);
        this.loader = new Loader(log, store, config.loaderBatchBytes(), this.quarantine, config.loaderShare(), config.loaderMaxLagBytes());
    }

    /** Recovers the log of {@code dir}, remembers recent message ids and starts loading. */
    public static Collector open(DataDirectory dir, DuckDbEventStore store, CollectorConfig config, Clock clock) {
        AppendLog log = AppendLog.open(dir.logDirectory(), store.checkpoint(), config.segmentBytes(), config.maxPendingBytes());
        var seen = new MessageIdWindow(config.dedupWindow(), clock);
        store.forEachMessageIdSince(clock.instant().minus(config.dedupWindow()), seen::add);
        var collector = new Collector(config, store, log, seen, clock, dir.root().resolve("quarantine"));
        collector.rememberUnloaded();
        collector.loader.start();
        return collector;
    }

    /** Message ids that are durable in the log but not yet in the store are known too. */
    private void rememberUnloaded() {
        try {
            long offset = store.checkpoint();
            while (true) {
                List<AppendLog.Record> records = log.read(offset, config.loaderBatchBytes());
                if (records.isEmpty()) {
                    return;
                }
                for (AppendLog.Record r : records) {
                    EventRowCodec.messageIds(r.payload()).forEach(seen::add);
                }
                offset = records.get(records.size() - 1).endOffset();
            }
        } catch (IOException e) {
            throw new WaymarkException(ErrorCode.IO_FAILURE, "cannot read the ingestion log: " + e.getMessage(), e);
        }
    }

    public DuckDbEventStore store() {
        return store;
    }

    public void onAcknowledged(AckListener listener) {
        ackListeners.add(listener);
    }

    MessageIdWindow seen() {
        return seen;
    }

    SegmentProtocol protocol() {
        return protocol;
    }

    Clock clock() {
        return clock;
    }

    /**
     * Ingests messages and returns once the accepted ones are durable. Invalid messages are
     * reported and skipped; the valid ones of the same call are kept.
     */
    public IngestResult ingest(List<JsonNode> messages, EventType routeType, SegmentProtocol.Envelope envelope) {
        return ingest(messages.size(), i -> EncodedEvent.of(protocol.normalize(messages.get(i), routeType, envelope)));
    }

    /** Ingests a batch read by {@link StreamingBatchReader}, with the outcome the tree path would have. */
    public IngestResult ingest(StreamingBatchReader.Batch batch, SegmentProtocol.Envelope envelope) {
        return ingest(batch.messages().size(), i -> StreamedMessageEncoder.encode(batch, i, protocol, envelope));
    }

    /** Normalizes and encodes message {@code i}; a refused message throws {@link WaymarkException}. */
    @FunctionalInterface
    private interface Encoder {
        EncodedEvent encode(int i);
    }

    /**
     * A message id is "in flight" from the moment a request claims it until its log record is
     * fsynced (or failed). A retry that arrives meanwhile waits for the original's outcome, so a
     * duplicate is never acknowledged before the event it duplicates is durable, and fails if the
     * original fails. An id that is known and not in flight is durable.
     *
     * <p>Each event is encoded once, as its log row; the 32 KB limit is checked on that row, so
     * the message is not serialized a second time just to be measured.
     */
    private IngestResult ingest(int count, Encoder encoder) {
        var accepted = new ArrayList<String>(count);
        var rows = new java.io.ByteArrayOutputStream(count * 900);
        var rejected = new ArrayList<IngestResult.Rejection>();
        var originals = new ArrayList<CompletableFuture<Long>>();
        var durable = new CompletableFuture<Long>();
        int duplicates = 0;
        int forgotten = 0;
        for (int i = 0; i < count; i++) {
            try {
                EncodedEvent e = encoder.encode(i);
                if (store.tombstones().covers(e.userId(), e.anonymousId(), e.previousId())) {
                    forgotten++;
                    continue;
                }
                SegmentProtocol.checkSize(e.row().length);
                CompletableFuture<Long> original = inFlight.putIfAbsent(e.messageId(), durable);
                if (original != null) {
                    duplicates++;
                    originals.add(original);
                } else if (!seen.add(e.messageId())) {
                    inFlight.remove(e.messageId(), durable);
                    duplicates++;
                } else {
                    accepted.add(e.messageId());
                    rows.writeBytes(e.row());
                }
            } catch (WaymarkException e) {
                rejected.add(new IngestResult.Rejection(i, e.code().name(), e.field(), e.getMessage()));
            }
        }
        byte[] payload = rows.toByteArray();
        if (!accepted.isEmpty()) {
            append(accepted, payload, durable);
            originals.add(durable);
        }
        for (CompletableFuture<Long> f : originals) {
            await(f);
        }
        if (!accepted.isEmpty()) {
            ackListeners.forEach(l -> l.acknowledged(accepted.size(), payload));
        }
        return new IngestResult(accepted.size(), duplicates, forgotten, rejected);
    }

    /** Queues the events' rows in the log; {@code durable} completes when they are fsynced or failed. */
    private void append(List<String> messageIds, byte[] payload, CompletableFuture<Long> durable) {
        CompletableFuture<Long> written;
        try {
            written = log.append(payload);
        } catch (RuntimeException e) {
            settle(messageIds, durable, null, e);
            throw e instanceof WaymarkException w ? w : new WaymarkException(ErrorCode.INTERNAL, "cannot queue events: " + e, e);
        }
        written.whenComplete((offset, failure) -> settle(messageIds, durable, offset, failure));
    }

    private void settle(List<String> messageIds, CompletableFuture<Long> durable, Long offset, Throwable failure) {
        if (failure != null) {
            messageIds.forEach(seen::remove);
        }
        messageIds.forEach(id -> inFlight.remove(id, durable));
        if (failure != null) {
            durable.completeExceptionally(failure);
        } else {
            durable.complete(offset);
        }
    }

    private void await(CompletableFuture<?> durable) {
        try {
            durable.get(config.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // the record may still become durable; the client retries with the same ids and
            // then waits for this outcome, so nothing is stored twice or acknowledged early
            throw new WaymarkException(ErrorCode.OVERLOADED, "the disk is slow; retry shortly");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof WaymarkException w ? w
                    : new WaymarkException(ErrorCode.IO_FAILURE, "cannot make events durable: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WaymarkException(ErrorCode.OVERLOADED, "interrupted while waiting for the disk");
        }
    }

    /**
     * Forgets a person: their events and derived rows leave the store and their identities are
     * tombstoned in one transaction ({@link PersonEraser}); their lines leave the quarantine; the
     * log rolls to a new segment so that the records holding their events are deleted once loaded.
     * Events of theirs still waiting in the log are not waited for: the load drops them (tombstones).
     *
     * <p>The quarantine is cleaned before the transaction too, so a crash in between leaves a person
     * who can simply be forgotten again; and after it, for lines quarantined meanwhile.
     */
    public ForgetReport forget(ProfileSpec.Lookup by, String id) {
        var eraser = new PersonEraser(store, clock);
        try {
            long lines = quarantine.removeLinesOf(eraser.find(by, id));
            ForgetReport report = eraser.forget(by, id);
            lines += quarantine.removeLinesOf(new PersonIdentities(report.personId(), report.userIds(), report.anonymousIds()));
            await(log.roll());
            log.deleteBefore(loader.loadedOffset());
            return report.withRemoved("quarantineLines", lines);
        } catch (IOException e) {
            throw new WaymarkException(ErrorCode.IO_FAILURE, "cannot clean the quarantine: " + e.getMessage(), e);
        }
    }

    /** Waits until the store holds everything that is durable in the log. */
    public boolean awaitLoaded(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (loader.loadedOffset() < log.durableEnd()) {
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** Offsets for monitoring: how far the log is durable and how far it is loaded. */
    public long durableOffset() {
        return log.durableEnd();
    }

    public long loadedOffset() {
        return loader.loadedOffset();
    }

    @Override
    public void close() {
        log.close();
        loader.stopAfterDraining(60_000);
    }
}
