package io.waymark.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.waymark.collector.AppendLog;
import io.waymark.collector.MessageIdWindow;
import io.waymark.collector.SegmentProtocol;
import io.waymark.collector.StreamedMessageEncoder;
import io.waymark.collector.StreamingBatchReader;
import io.waymark.core.Json;
import io.waymark.core.event.Event;
import io.waymark.store.DuckDbEventStore;
import io.waymark.store.EventRowCodec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Where the time of one acknowledged event goes, stage by stage, on one thread and without HTTP:
 * parse a 50-message batch body, normalize, deduplicate, encode the log record, append and fsync
 * it, and load the records into DuckDB. Each stage runs over all events (after a warm-up pass) and
 * reports microseconds of wall time per event and of the thread's CPU time (which leaves out GC and
 * DuckDB's own threads). The request
 * path is measured twice: as trees (parse, normalize, encode) and as the streaming path that
 * {@code /v1/batch} takes (stream-read, then normalize and encode with the nested objects copied
 * as bytes); the records of both must be equal.
 *
 * <p>Usage: {@code IngestBreakdown [events=300000]}.
 */
public final class IngestBreakdown {
    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 300_000;
        int batchSize = 50;
        Path work = Files.createTempDirectory("waymark-bench-breakdown");
        try {
            ObjectWriter writer = Json.MAPPER.writer();
            var bodies = new ArrayList<byte[]>();
            var batch = new ByteArrayOutputStream();
            int[] in = {0};
            BenchSupport.demoEvents(events, m -> {
                try {
                    batch.write(in[0] == 0 ? "{\"batch\":[".getBytes(StandardCharsets.US_ASCII) : new byte[] {','});
                    batch.write(writer.writeValueAsBytes(m));
                    if (++in[0] == batchSize) {
                        batch.write("]}".getBytes(StandardCharsets.US_ASCII));
                        bodies.add(batch.toByteArray());
                        batch.reset();
                        in[0] = 0;
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            int n = bodies.size() * batchSize;
            System.out.printf(Locale.ROOT, "Ingestion breakdown, one thread, %,d events in %,d batches of %d%n", n, bodies.size(), batchSize);
            for (int pass = 0; pass < 2; pass++) {
                boolean report = pass == 1;
                var protocol = new SegmentProtocol();
                var seen = new MessageIdWindow(Duration.ofHours(24), Clock.systemUTC());
                var env = new SegmentProtocol.Envelope("bench", null, null, Instant.now(), "127.0.0.1");

                long[] t = now();
                var parsed = new ArrayList<List<JsonNode>>(bodies.size());
                for (byte[] b : bodies) {
                    var msgs = new ArrayList<JsonNode>(batchSize);
                    Json.MAPPER.readTree(b).get("batch").forEach(msgs::add);
                    parsed.add(msgs);
                }
                line(report, "parse body (Jackson readTree)", t, n);

                t = now();
                var normalized = new ArrayList<List<Event>>(bodies.size());
                for (List<JsonNode> msgs : parsed) {
                    var evs = new ArrayList<Event>(msgs.size());
                    for (JsonNode m : msgs) {
                        evs.add(protocol.normalize(m, null, env));
                    }
                    normalized.add(evs);
                }
                line(report, "SegmentProtocol.normalize", t, n);

                t = now();
                for (List<Event> evs : normalized) {
                    for (Event e : evs) {
                        seen.add(e.messageId());
                    }
                }
                line(report, "MessageIdWindow.add (MD5)", t, n);

                t = now();
                var records = new ArrayList<byte[]>(bodies.size());
                for (List<Event> evs : normalized) {
                    records.add(EventRowCodec.encode(evs));
                }
                line(report, "EventRowCodec.encode", t, n);
                long recordBytes = records.stream().mapToLong(r -> r.length).sum();

                // the path /v1/batch takes: one streaming pass, nested objects copied as bytes
                t = now();
                var streamed = new ArrayList<StreamingBatchReader.Batch>(bodies.size());
                for (byte[] b : bodies) {
                    streamed.add(StreamingBatchReader.read(b));
                }
                line(report, "stream-read body (StreamingBatchReader)", t, n);

                t = now();
                var streamedRecords = new ArrayList<byte[]>(bodies.size());
                for (StreamingBatchReader.Batch read : streamed) {
                    var rows = new ByteArrayOutputStream(read.body().length + 4096);
                    for (int i = 0; i < read.messages().size(); i++) {
                        rows.writeBytes(StreamedMessageEncoder.encode(read, i, protocol, env).row());
                    }
                    streamedRecords.add(rows.toByteArray());
                }
                line(report, "normalize + encode, bytes copied (StreamedMessageEncoder)", t, n);
                if (report) {
                    for (int i = 0; i < records.size(); i++) {
                        if (!java.util.Arrays.equals(records.get(i), streamedRecords.get(i))) {
                            throw new IllegalStateException("the streaming path wrote a different record for batch " + i);
                        }
                    }
                }

                Path logDir = work.resolve("log" + pass);
                try (AppendLog log = AppendLog.open(logDir, 0, 64L << 20, 64L << 20)) {
                    t = now();
                    for (byte[] r : records) {
                        log.append(r).get();
                    }
                    line(report, "AppendLog append+fsync, one at a time", t, n);
                    t = now();
                    var pending = new ArrayList<CompletableFuture<Long>>();
                    for (byte[] r : records) {
                        pending.add(log.append(r));
                        if (pending.size() == 8) {
                            for (var f : pending) {
                                f.get();
                            }
                            pending.clear();
                        }
                    }
                    for (var f : pending) {
                        f.get();
                    }
                    line(report, "AppendLog append+fsync, 8 in flight", t, n);
                }

                try (DuckDbEventStore store = DuckDbEventStore.open(work.resolve("store" + pass + ".duckdb"))) {
                    t = now();
                    // the loader moves about 16 MB of records per transaction
                    var chunk = new ArrayList<byte[]>();
                    long bytes = 0;
                    long offset = 0;
                    for (byte[] r : records) {
                        chunk.add(r);
                        bytes += r.length;
                        if (bytes >= 16 << 20) {
                            store.appendEncoded(chunk, offset += bytes);
                            chunk = new ArrayList<>();
                            bytes = 0;
                        }
                    }
                    if (!chunk.isEmpty()) {
                        store.appendEncoded(chunk, offset + bytes);
                    }
                    line(report, "DuckDbEventStore.appendEncoded (16 MB per transaction)", t, n);
                }
                if (report) {
                    System.out.printf(Locale.ROOT, "record bytes per event: %.0f (request bytes per event: %.0f)%n",
                            recordBytes / (double) n, bodies.stream().mapToLong(b -> b.length).sum() / (double) n);
                }
            }
        } finally {
            BenchSupport.deleteTree(work);
        }
        System.exit(0);
    }

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    /** Wall time and this thread's CPU time: on a shared machine the CPU time is the steadier figure of a one-thread stage. */
    private static long[] now() {
        return new long[] {System.nanoTime(), THREADS.getCurrentThreadCpuTime()};
    }

    private static void line(boolean report, String stage, long[] start, int events) {
        if (report) {
            double us = (System.nanoTime() - start[0]) / 1e3 / events;
            double cpu = (THREADS.getCurrentThreadCpuTime() - start[1]) / 1e3 / events;
            System.out.printf(Locale.ROOT, "  %-58s %7.2f us/event wall, %7.2f us/event CPU of this thread (%,.0f events/s on one core)%n",
                    stage, us, cpu, 1e6 / us);
        }
    }
}
