package io.waymark.cli;

import com.fasterxml.jackson.databind.ObjectWriter;
import io.waymark.core.Json;
import io.waymark.core.demo.DemoConfig;
import io.waymark.core.demo.DemoGenerator;
import io.waymark.core.demo.SpendRow;
import io.waymark.core.error.ErrorCode;
import io.waymark.core.error.WaymarkException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate a realistic omnichannel demo store as Segment-spec JSONL (deterministic per seed and end date).")
final class GenerateCommand implements Runnable {
    @Option(names = "--persons", defaultValue = "5000", description = "Number of persons (default ${DEFAULT-VALUE}).")
    int persons;

    @Option(names = "--days", defaultValue = "90", description = "Days of history (default ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--end", paramLabel = "DATE", description = "Last day (exclusive) of the data, ISO date; default today (UTC).")
    LocalDate end;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output .jsonl (or .jsonl.gz).")
    Path out;

    @Option(names = "--spend-out", paramLabel = "FILE", description = "Also write the campaigns' daily spend as CSV.")
    Path spendOut;

    @Override
    public void run() {
        System.out.println(Json.MAPPER.valueToTree(generate(persons, days, seed, end, out, spendOut)));
    }

    static Map<String, Object> generate(int persons, int days, long seed, LocalDate end, Path out, Path spendOut) {
        if (persons < 1) {
            throw WaymarkException.invalid("--persons", "must be at least 1");
        }
        if (days < 1) {
            throw WaymarkException.invalid("--days", "must be at least 1");
        }
        LocalDate last = end != null ? end : LocalDate.now(ZoneOffset.UTC);
        var generator = new DemoGenerator(new DemoConfig(persons, days, seed, last.atStartOfDay(ZoneOffset.UTC).toInstant()));
        long events;
        ObjectWriter writer = Json.MAPPER.writer();
        try (OutputStream file = Files.newOutputStream(out);
             OutputStream buffered = new BufferedOutputStream(out.toString().endsWith(".gz") ? new GZIPOutputStream(file, 1 << 16) : file, 1 << 20)) {
            events = generator.generate(message -> {
                try {
                    buffered.write(writer.writeValueAsBytes(message));
                    buffered.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw new WaymarkException(ErrorCode.IO_FAILURE, "cannot write " + out + ": " + e);
        }
        if (spendOut != null) {
            writeSpend(generator, spendOut);
        }
        return spendOut == null ? Map.of("events", events, "file", out.toString())
                : Map.of("events", events, "file", out.toString(), "spendFile", spendOut.toString());
    }

    private static void writeSpend(DemoGenerator generator, Path spendOut) {
        try (var printer = new CSVPrinter(Files.newBufferedWriter(spendOut, StandardCharsets.UTF_8),
                CSVFormat.DEFAULT.builder().setHeader("date", "channel", "campaign", "cost", "currency").get())) {
            for (SpendRow r : generator.spend()) {
                printer.printRecord(r.date(), r.channel(), r.campaign(), String.format(java.util.Locale.ROOT, "%.2f", r.cost()), r.currency());
            }
        } catch (IOException e) {
            throw new WaymarkException(ErrorCode.IO_FAILURE, "cannot write " + spendOut + ": " + e);
        }
    }
}
