package io.waymark.cli;

import io.waymark.collector.CollectorConfig;
import io.waymark.server.OpenDataDirectory;
import io.waymark.store.DuckDbQueryEngine;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "export-person", mixinStandardHelpOptions = true,
        description = "Print everything held about a person as JSON (identities, traits, facts, every event, related rows).")
final class ExportPersonCommand implements Runnable {
    @Mixin
    DataDirOption data;

    @Mixin
    PersonOption person;

    @Override
    public void run() {
        try (var open = OpenDataDirectory.open(data.dataDir, CollectorConfig.DEFAULTS, Clock.systemUTC())) {
            System.out.println(new DuckDbQueryEngine(open.store()).export(person.by(), person.id()).toPrettyString());
        }
    }
}
