package io.waymark.collector;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waymark.core.Json;
import io.waymark.core.error.ErrorCode;
import io.waymark.core.error.WaymarkException;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Imports JSONL (one Segment message per line) and CSV files through the same validation and
 * deduplication as the HTTP API, writing to the store in large transactions. A bad line is
 * counted and reported with its line number; it never aborts the file.
 *
 * <p>CSV columns are message fields ({@code type}, {@code event}, {@code userId}, …) or dotted
 * paths into objects ({@code properties.revenue}, {@code context.campaign.source}); a missing
 * {@code type} means {@code track}. Numbers and true/false inside objects become JSON numbers and
 * booleans, since CSV has no types.
 */
public final class Importer {
    /**
     * Events per store transaction: one of DuckDB's row groups. From that size on DuckDB writes the transaction's row
     * groups straight into the table (its {@code LocalStorage::MERGE_THRESHOLD}), where 100,000 events went through its
     * write-ahead log and were written again at the checkpoint: 7.6–8.2 µs of the writer's CPU per event against
     * 10.6–10.9 (BENCHMARKS.md, "Import transactions of one row group"). The loader's transactions are as large for the
     * same reason ({@link CollectorConfig}).
     */
    private static final int BATCH = 122_880;
    private static final int PAYLOAD_EVENTS = 2_000;
    /**
     * Batches stored at once, on as many writer threads, while the next batch is parsed. With one, the import waited
     * for DuckDB's insert, which is the larger half of the work, and also for each commit's disk sync; with two, one
     * transaction compresses and writes while the other syncs (BENCHMARKS.md, "Two import transactions at once").
     */
    private static final int WRITERS = 2;
    private static final int MAX_ERRORS = 20;
    /** A line far over the event limit is refused without being read into memory whole. */
    private static final int MAX_LINE_BYTES = 4 * SegmentProtocol.MAX_EVENT_BYTES;
    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9]\\d{0,17})(\\.\\d+)?([eE][-+]?\\d+)?");

    private final Collector collector;

    public Importer(Collector collector) {
        this.collector = collector;
    }

    public ImportReport importFiles(List<Path> files) {
        var run = new Run();
        try {
            for (Path f : files) {
                if (!Files.isReadable(f)) {
                    throw new WaymarkException(ErrorCode.INVALID_FIELD, "FILE", "cannot read file " + f);
                }
                String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
                String base = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
                try (InputStream raw = Files.newInputStream(f);
                     InputStream in = name.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw) {
                    if (base.endsWith(".csv")) {
                        importCsv(f, new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 20), run);
                    } else if (base.endsWith(".jsonl") || base.endsWith(".ndjson") || base.endsWith(".json")) {
                        importJsonLines(f, in, run);
                    } else {
                        throw new WaymarkException(ErrorCode.INVALID_FIELD, "FILE",
                                "cannot tell the format of " + f + ": use a .jsonl, .ndjson or .csv file (optionally .gz)");
                    }
                } catch (IOException e) {
                    throw new WaymarkException(ErrorCode.IO_FAILURE, "cannot read " + f + ": " + e.getMessage(), e);
                }
            }
            run.finish();
        } finally {
            run.writer.shutdown();
            awaitTermination(run.writer);
        }
        return new ImportReport(run.imported, run.duplicates, run.forgotten, run.rejected, List.copyOf(run.errors));
    }

    /**
     * Lines are split as bytes and read by {@link StreamingBatchReader#readMessage}, the {@code /v1/batch} fast path:
     * decoding every line into a String and then a tree was most of an import's parsing time. Lines the reader leaves
     * to trees (invalid JSON, duplicate keys, unusual shapes) take the tree path with its error messages.
     */
    private void importJsonLines(Path file, InputStream in, Run run) throws IOException {
        LineSplitter lines = new LineSplitter(in, MAX_LINE_BYTES);
        byte[] line;
        long n = 0;
        while ((line = lines.next()) != null) {
            n++;
            if (line != LineSplitter.TOO_LONG && isBlank(line)) {
                continue;
            }
            try {
                if (line == LineSplitter.TOO_LONG) {
                    throw new WaymarkException(ErrorCode.EVENT_TOO_LARGE, "$", "message is over " + MAX_LINE_BYTES
                            + " bytes; the limit is " + SegmentProtocol.MAX_EVENT_BYTES);
                }
                SegmentProtocol.checkSize(line.length);
                StreamingBatchReader.Batch one = StreamingBatchReader.readMessage(line);
                run.accept(one != null ? StreamedMessageEncoder.encode(one, 0, collector.protocol(), run.envelope)
                        : EncodedEvent.of(collector.protocol().normalize(tree(line), null, run.envelope)));
            } catch (WaymarkException e) {
                run.reject(file, n, e.field(), e.getMessage());
            }
        }
    }

    /** When one batch failed, another may still be committing: it ends before the caller closes the store. */
    private static void awaitTermination(ExecutorService writer) {
        try {
            writer.awaitTermination(1, TimeUnit.HOURS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static JsonNode tree(byte[] line) {
        try {
            return Json.MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new WaymarkException(ErrorCode.INVALID_JSON, "$", "invalid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private void importCsv(Path file, BufferedReader reader, Run run) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).get();
        try (CSVParser parser = CSVParser.parse(reader, format)) {
            List<String> header = parser.getHeaderNames();
            for (CSVRecord rec : parser) {
                long line = rec.getRecordNumber() + 1;
                if (!rec.isConsistent()) {
                    run.reject(file, line, "$", "expected " + header.size() + " columns, found " + rec.size());
                    continue;
                }
                ObjectNode message = JsonNodeFactory.instance.objectNode();
                for (int i = 0; i < header.size(); i++) {
                    String value = rec.get(i);
                    if (value == null || value.isEmpty()) {
                        continue;
                    }
                    put(message, header.get(i), value);
                }
                if (!message.has("type")) {
                    message.put("type", "track");
                }
                try {
                    SegmentProtocol.checkSize(message.toString().getBytes(StandardCharsets.UTF_8).length);
                    run.accept(EncodedEvent.of(collector.protocol().normalize(message, null, run.envelope)));
                } catch (WaymarkException e) {
                    run.reject(file, line, e.field(), e.getMessage());
                }
            }
        }
    }

    private static void put(ObjectNode message, String column, String value) {
        String[] path = column.split("\\.");
        ObjectNode target = message;
        for (int i = 0; i < path.length - 1; i++) {
            JsonNode child = target.get(path[i]);
            target = child instanceof ObjectNode o ? o : target.putObject(path[i]);
        }
        String leaf = path[path.length - 1];
        if (path.length == 1) {
            target.put(leaf, value);
        } else if (NUMBER.matcher(value).matches()) {
            if (value.indexOf('.') < 0 && value.indexOf('e') < 0 && value.indexOf('E') < 0) {
                target.put(leaf, Long.parseLong(value));
            } else {
                target.put(leaf, Double.parseDouble(value));
            }
        } else if (value.equals("true") || value.equals("false")) {
            target.put(leaf, Boolean.parseBoolean(value));
        } else {
            target.put(leaf, value);
        }
    }

    /** The state of one import: the batch being built and the counts. */
    private final class Run {
        // rows are gathered into payloads of PAYLOAD_EVENTS: holding whole batches as objects made
        // the garbage collector the largest cost of an import
        private final ByteArrayOutputStream chunk = new ByteArrayOutputStream(PAYLOAD_EVENTS * 900);
        private int chunkEvents;
        private List<byte[]> payloads = new ArrayList<>();
        private List<String> ids = new ArrayList<>(BATCH);
        private final ExecutorService writer = Executors.newFixedThreadPool(WRITERS, r -> {
            Thread t = new Thread(r, "waymark-import-writer");
            t.setDaemon(true);
            return t;
        });
        /** Batches being stored, oldest first. */
        private final ArrayDeque<Storing> storing = new ArrayDeque<>();
        private final List<ImportReport.LineError> errors = new ArrayList<>();
        private long imported;
        private long duplicates;
        private long forgotten;
        private long rejected;
        final SegmentProtocol.Envelope envelope =
                new SegmentProtocol.Envelope("import", null, null, collector.clock().instant(), null);

        void accept(EncodedEvent e) {
            if (collector.store().tombstones().covers(e.userId(), e.anonymousId(), e.previousId())) {
                forgotten++;
                return;
            }
            if (!collector.seen().add(e.messageId())) {
                duplicates++;
                return;
            }
            chunk.writeBytes(e.row());
            chunkEvents++;
            ids.add(e.messageId());
            if (chunkEvents >= PAYLOAD_EVENTS) {
                encodeChunk();
            }
            if (ids.size() >= BATCH) {
                flush();
            }
        }

        void reject(Path file, long line, String field, String message) {
            rejected++;
            if (errors.size() < MAX_ERRORS) {
                errors.add(new ImportReport.LineError(file.toString(), line, field, message));
            }
        }

        private void encodeChunk() {
            if (chunkEvents > 0) {
                payloads.add(chunk.toByteArray());
                chunk.reset();
                chunkEvents = 0;
            }
        }

        void flush() {
            encodeChunk();
            if (ids.isEmpty()) {
                return;
            }
            List<byte[]> stored = payloads;
            List<String> storedIds = ids;
            payloads = new ArrayList<>();
            ids = new ArrayList<>(BATCH);
            awaitStored(WRITERS - 1);
            storing.add(new Storing(writer.submit(() -> {
                try {
                    collector.store().appendEncoded(stored, -1);
                } catch (RuntimeException e) {
                    storedIds.forEach(collector.seen()::remove);
                    throw e;
                }
            }), storedIds.size()));
        }

        void finish() {
            flush();
            awaitStored(0);
        }

        /** Waits for the oldest batches until at most {@code leave} are being stored. */
        private void awaitStored(int leave) {
            while (storing.size() > leave) {
                Storing oldest = storing.removeFirst();
                try {
                    oldest.done().get();
                    imported += oldest.events();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new WaymarkException(ErrorCode.INTERNAL, "import interrupted");
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof WaymarkException w ? w
                            : new WaymarkException(ErrorCode.IO_FAILURE, "cannot store imported events: " + e.getCause().getMessage(), e.getCause());
                }
            }
        }
    }

    /** A batch on a writer thread, and how many events it holds. */
    private record Storing(Future<?> done, int events) {
    }
}
