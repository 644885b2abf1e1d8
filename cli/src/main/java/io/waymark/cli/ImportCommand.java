package io.waymark.cli;

import io.waymark.collector.CollectorConfig;
import io.waymark.collector.ImportReport;
import io.waymark.collector.Importer;
import io.waymark.core.Json;
import io.waymark.server.OpenDataDirectory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import Segment-spec events from JSONL or CSV files (optionally .gz); prints a JSON report.")
final class ImportCommand implements Runnable {
    @Mixin
    DataDirOption data;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = ".jsonl/.ndjson (one message per line) or .csv (columns type, event, userId, anonymousId, timestamp, messageId, properties.*, context.*, traits.*)")
    List<Path> files;

    @Override
    public void run() {
        ImportReport report;
        try (var open = OpenDataDirectory.open(data.dataDir, CollectorConfig.DEFAULTS, Clock.systemUTC())) {
            report = new Importer(open.collector()).importFiles(files);
        }
        System.out.println(Json.MAPPER.valueToTree(report).toPrettyString());
    }
}
