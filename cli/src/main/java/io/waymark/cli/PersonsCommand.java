package io.waymark.cli;

import io.waymark.collector.CollectorConfig;
import io.waymark.core.Json;
import io.waymark.core.query.PersonSearchSpec;
import io.waymark.core.query.QuerySpecParser;
import io.waymark.server.OpenDataDirectory;
import io.waymark.store.DuckDbQueryEngine;
import java.time.Clock;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "persons", mixinStandardHelpOptions = true,
        description = "Find persons by user, anonymous or person id, e-mail (any case) or trait; prints the persons query result as JSON.")
final class PersonsCommand implements Runnable {
    @Mixin
    DataDirOption data;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Search search;

    static final class Search {
        @Option(names = "--search", paramLabel = "TEXT", description = "A user, anonymous or person id, or an e-mail address.")
        String text;

        @Option(names = "--trait", paramLabel = "KEY=VALUE", description = "Persons who had this trait value.")
        String trait;
    }

    @Option(names = "--limit", paramLabel = "N", defaultValue = "" + PersonSearchSpec.DEFAULT_LIMIT,
            description = "At most N persons (1 to " + PersonSearchSpec.MAX_LIMIT + ").")
    int limit;

    @Override
    public void run() {
        var spec = Json.MAPPER.createObjectNode().put("kind", "persons").put("limit", limit);
        if (search.text != null) {
            spec.put("q", search.text);
        } else {
            spec.put("trait", search.trait);
        }
        var parsed = new QuerySpecParser().parse(spec);
        try (var open = OpenDataDirectory.open(data.dataDir, CollectorConfig.DEFAULTS, Clock.systemUTC())) {
            System.out.println(Json.MAPPER.valueToTree(new DuckDbQueryEngine(open.store()).run(parsed)).toPrettyString());
        }
    }
}
