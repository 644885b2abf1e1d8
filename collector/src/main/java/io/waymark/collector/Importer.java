package io.waymark.collector;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waymark.core.Json;
import io.waymark.core.error.ErrorCode;
import io.waymark.core.error.WaymarkException;
import io.waymark.core.event.Event;
import io.waymark.store.EventRowCodec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
    private static final int BATCH = 100_000;
    private static final int PAYLOAD_EVENTS = 2_000;
    private static final int MAX_ERRORS = 20;
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
                     InputStream in = name.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
                     BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 20)) {
                    if (base.endsWith(".csv")) {
                        importCsv(f, reader, run);
                    } else if (base.endsWith(".jsonl") || base.endsWith(".ndjson") || base.endsWith(".json")) {
                        importJsonLines(f, reader, run);
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
        }
        return new ImportReport(run.imported, run.duplicates, run.forgotten, run.rejected, List.copyOf(run.errors));
    }

    private void importJsonLines(Path file, BufferedReader reader, Run run) throws IOException {
        String line;
        long n = 0;
        while ((line = reader.readLine()) != null) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = Json.MAPPER.readTree(line);
            } catch (JsonProcessingException e) {
                run.reject(file, n, "$", "invalid JSON: " + e.getOriginalMessage());
                continue;
            }
            run.accept(file, n, node, line.length());
        }
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
                run.accept(file, line, message, 0);
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
        // events live only until their chunk is encoded: holding whole batches as objects made
        // the garbage collector the largest cost of an import
        private final List<Event> chunk = new ArrayList<>(PAYLOAD_EVENTS);
        private List<byte[]> payloads = new ArrayList<>();
        private List<String> ids = new ArrayList<>(BATCH);
        private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "waymark-import-writer");
            t.setDaemon(true);
            return t;
        });
        private Future<?> inFlight;
        private int inFlightCount;
        private final List<ImportReport.LineError> errors = new ArrayList<>();
        private long imported;
        private long duplicates;
        private long forgotten;
        private long rejected;
        private final SegmentProtocol.Envelope envelope =
                new SegmentProtocol.Envelope("import", null, null, collector.clock().instant(), null);

        void accept(Path file, long line, JsonNode message, int chars) {
            try {
                if (chars > SegmentProtocol.MAX_EVENT_BYTES / 4) {
                    SegmentProtocol.checkSize(message.toString().getBytes(StandardCharsets.UTF_8).length);
                }
                Event e = collector.protocol().normalize(message, null, envelope);
                if (collector.store().tombstones().covers(e)) {
                    forgotten++;
                    return;
                }
                if (!collector.seen().add(e.messageId())) {
                    duplicates++;
                    return;
                }
                chunk.add(e);
                ids.add(e.messageId());
                if (chunk.size() >= PAYLOAD_EVENTS) {
                    encodeChunk();
                }
                if (ids.size() >= BATCH) {
                    flush();
                }
            } catch (WaymarkException e) {
                reject(file, line, e.field(), e.getMessage());
            }
        }

        void reject(Path file, long line, String field, String message) {
            rejected++;
            if (errors.size() < MAX_ERRORS) {
                errors.add(new ImportReport.LineError(file.toString(), line, field, message));
            }
        }

        /**
         * Stores the encoded batch on the writer thread while the next batch is parsed:
         * parsing and DuckDB's bulk insert each take about half the time, and the machine has two cores.
         */
        private void encodeChunk() {
            if (!chunk.isEmpty()) {
                payloads.add(EventRowCodec.encode(chunk));
                chunk.clear();
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
            awaitWriter();
            inFlight = writer.submit(() -> {
                try {
                    collector.store().appendEncoded(stored, -1);
                } catch (RuntimeException e) {
                    storedIds.forEach(collector.seen()::remove);
                    throw e;
                }
            });
            inFlightCount = storedIds.size();
        }

        void finish() {
            flush();
            awaitWriter();
        }

        private void awaitWriter() {
            if (inFlight == null) {
                return;
            }
            try {
                inFlight.get();
                imported += inFlightCount;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WaymarkException(ErrorCode.INTERNAL, "import interrupted");
            } catch (ExecutionException e) {
                throw e.getCause() instanceof WaymarkException w ? w
                        : new WaymarkException(ErrorCode.IO_FAILURE, "cannot store imported events: " + e.getCause().getMessage(), e.getCause());
            } finally {
                inFlight = null;
                inFlightCount = 0;
            }
        }
    }
}
