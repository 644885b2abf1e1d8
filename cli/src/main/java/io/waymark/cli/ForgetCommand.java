package io.waymark.cli;

import io.waymark.collector.CollectorConfig;
import io.waymark.core.Json;
import io.waymark.server.OpenDataDirectory;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "forget", mixinStandardHelpOptions = true,
        description = "Delete a person's events and everything derived from them, and refuse their ids from now on; prints what was removed as JSON.")
final class ForgetCommand implements Runnable {
    @Mixin
    DataDirOption data;

    @Mixin
    PersonOption person;

    @Override
    public void run() {
        try (var open = OpenDataDirectory.open(data.dataDir, CollectorConfig.DEFAULTS, Clock.systemUTC())) {
            System.out.println(Json.MAPPER.valueToTree(open.collector().forget(person.by(), person.id())).toPrettyString());
        }
    }
}
