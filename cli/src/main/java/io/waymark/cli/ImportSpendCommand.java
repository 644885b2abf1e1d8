package io.waymark.cli;

import io.waymark.collector.CollectorConfig;
import io.waymark.collector.SpendImporter;
import io.waymark.core.Json;
import io.waymark.core.error.ErrorCode;
import io.waymark.core.error.WaymarkException;
import io.waymark.server.OpenDataDirectory;
import io.waymark.store.SpendRepository;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "import-spend", mixinStandardHelpOptions = true,
        description = "Import marketing spend from a CSV file (columns date, channel, campaign, cost, currency); prints a JSON report.")
final class ImportSpendCommand implements Runnable {
    @Mixin
    DataDirOption data;

    @Parameters(arity = "1", paramLabel = "FILE", description = "CSV with the header date,channel,campaign,cost,currency (any order); "
            + "channel is a Waymark channel (web, app, email, social, ads, store, support, survey, other); a later line for the same "
            + "date, channel and campaign replaces an earlier one, and so does a later import.")
    Path file;

    @Override
    public void run() {
        System.out.println(Json.MAPPER.valueToTree(importFile(data.dataDir, file)).toPrettyString());
    }

    /** Imports {@code file} into the data directory, holding its lock like every other command. */
    static SpendImporter.Report importFile(Path dataDir, Path file) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                var open = OpenDataDirectory.open(dataDir, CollectorConfig.DEFAULTS, Clock.systemUTC())) {
            return new SpendImporter(new SpendRepository(open.collector().store())).importCsv(in);
        } catch (NoSuchFileException e) {
            throw WaymarkException.invalid("FILE", "no such file: " + file);
        } catch (IOException e) {
            throw new WaymarkException(ErrorCode.IO_FAILURE, "cannot read " + file + ": " + e.getMessage());
        }
    }
}
