package io.waymark.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.activation.JourneyTemplates;
import io.waymark.collector.CollectorConfig;
import io.waymark.collector.ImportReport;
import io.waymark.collector.Importer;
import io.waymark.core.Json;
import io.waymark.core.demo.DemoExperiment;
import io.waymark.core.demo.DemoJourney;
import io.waymark.core.error.ErrorCode;
import io.waymark.core.error.WaymarkException;
import io.waymark.core.user.Role;
import io.waymark.server.OpenDataDirectory;
import io.waymark.server.UserAccounts;
import io.waymark.core.query.SegmentDefinition;
import io.waymark.core.survey.SurveyDefinition;
import io.waymark.store.DataDirectory;
import io.waymark.store.DuckDbQueryEngine;
import io.waymark.store.ExperimentRepository;
import io.waymark.store.SurveyRepository;
import io.waymark.store.JourneyRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Generate demo data into a fresh data directory, load it and serve the dashboard.")
final class DemoCommand implements Runnable {
    /** The surveys the demo generator answers (its surveyIds), so their definitions and forms can be looked at. */
    private static final List<String> DEMO_SURVEYS = List.of(
            "{\"id\":\"nps-post_purchase\",\"type\":\"nps\",\"question\":\"How likely are you to recommend us to a friend?\","
                    + "\"followUp\":\"What is the main reason for your score?\"}",
            "{\"id\":\"nps-checkout_exit\",\"type\":\"nps\",\"question\":\"How likely are you to recommend us to a friend?\","
                    + "\"followUp\":\"What stopped you from ordering today?\"}",
            "{\"id\":\"csat-support_ticket\",\"type\":\"csat\",\"question\":\"How satisfied are you with the help you got?\","
                    + "\"followUp\":\"What could we have done better?\"}");
    private static final List<String> DEMO_SEGMENTS = List.of(
            "{\"id\":\"cart_abandoners\",\"name\":\"Cart abandoners\",\"description\":\"added to cart in the last 7 days, no purchase since\","
                    + "\"rules\":{\"all\":[{\"event\":\"add_to_cart\",\"within\":\"7d\"},{\"event\":\"purchase\",\"since\":\"add_to_cart\",\"count\":{\"eq\":0}}]}}",
            "{\"id\":\"at_risk_customers\",\"name\":\"At-risk customers\",\"description\":\"RFM at risk or cannot lose them, or churn risk of 70% and more\","
                    + "\"rules\":{\"any\":[{\"fact\":\"rfm_group\",\"op\":\"in\",\"value\":[\"at_risk\",\"cannot_lose_them\"]},"
                    + "{\"fact\":\"churn_risk\",\"op\":\"gte\",\"value\":0.7}]}}");

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data-dir", defaultValue = "demo-data", paramLabel = "DIR",
            description = "Where the demo store goes; recreated on every run (default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--persons", defaultValue = "20000", description = "Persons to simulate (default ${DEFAULT-VALUE}).")
    int persons;

    @Option(names = "--days", defaultValue = "120", description = "Days of history (default ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    /** What {@link #load} put into a data directory. */
    record Loaded(String writeKey, String demoPassword, long events, long spendRows) {
    }

    @Override
    public void run() {
        recreate(dataDir);
        System.out.println("Generating " + persons + " persons over " + days + " days…");
        Loaded loaded = load(dataDir, persons, days, seed, null);
        String writeKey = loaded.writeKey();
        System.out.println("Loaded " + loaded.events() + " events and " + loaded.spendRows() + " spend rows into " + dataDir.toAbsolutePath());
        ServeCommand.serve(dataDir, "127.0.0.1", port, actualPort -> {
            String url = "http://127.0.0.1:" + actualPort;
            System.out.println();
            System.out.println("Waymark demo is running.");
            System.out.println("  Open the dashboard:  " + url + "/");
            System.out.println("  Log in as demo / " + loaded.demoPassword());
            System.out.println("  Write key (source 'demo'): " + writeKey);
            System.out.println("  Send an event:  curl -u " + writeKey + ": -H 'Content-Type: application/json' \\");
            System.out.println("      -d '{\"userId\":\"me\",\"event\":\"signup\"}' " + url + "/v1/track");
            System.out.println("  Log in from a shell:  curl -c cookies.txt -H 'Content-Type: application/json' \\");
            System.out.println("      -d '{\"username\":\"demo\",\"password\":\"" + loaded.demoPassword() + "\"}' " + url + "/api/v1/login");
            System.out.println("  Query:  curl -b cookies.txt -H 'Content-Type: application/json' -d '{\"kind\":\"summary\"}' " + url + "/api/v1/query");
            System.out.println("  The finished experiment:  curl -b cookies.txt -H 'Content-Type: application/json' -d '{\"kind\":\"experiment\",\"experiment\":\""
                    + DemoExperiment.KEY + "\"}' " + url + "/api/v1/query");
            System.out.println("  The cart-abandonment journey is running: its e-mails go out once an SMTP server is set in "
                    + dataDir.resolve("channels.json") + " (README, \"Channels\"); until then they show as failed sends.");
            System.out.println("  Stop with Ctrl+C.");
        });
    }

    /**
     * Generates the demo into an empty data directory and loads it: events, a source, the user {@code demo} (admin,
     * a generated password), the finished experiments, the segments, the surveys and the spend. Also what the browser
     * tests serve, so they see what a demo user sees.
     * @param end the last day (exclusive) of the data; null for today (UTC)
     */
    static Loaded load(Path dataDir, int persons, int days, long seed, java.time.LocalDate end) {
        Path events = dataDir.resolve("demo-events.jsonl.gz");
        Path spend = dataDir.resolve("demo-spend.csv");
        GenerateCommand.generate(persons, days, seed, end, events, spend);
        String writeKey;
        String demoPassword;
        ImportReport report;
        try (var open = OpenDataDirectory.open(dataDir, CollectorConfig.DEFAULTS, Clock.systemUTC())) {
            report = new Importer(open.collector()).importFiles(List.of(events));
            writeKey = open.sources().add("demo").writeKey();
            demoPassword = new UserAccounts(open.store(), Clock.systemUTC()).add("demo", Role.ADMIN, null).generatedPassword();
            // the finished experiments (the planted pain point's fix; the cart-abandonment journey's holdout), and two segments to start from
            var experiments = new ExperimentRepository(open.store());
            for (JsonNode definition : List.of(DemoExperiment.definition(), DemoJourney.definition())) {
                experiments.create(definition, true, Clock.systemUTC().instant());
                experiments.setStatus(definition.get("key").asText(), ExperimentRepository.Status.STOPPED, Clock.systemUTC().instant());
            }
            var segments = new DuckDbQueryEngine(open.store()).segments();
            for (String definition : DEMO_SEGMENTS) {
                segments.create(SegmentDefinition.parse(Json.MAPPER.readTree(definition), null));
            }
            var surveys = new SurveyRepository(open.store());
            for (String definition : DEMO_SURVEYS) {
                surveys.create(SurveyDefinition.parse(Json.MAPPER.readTree(definition), null), Clock.systemUTC().instant());
            }
            // the cart-abandonment journey, running: carts abandoned from now on get its reminders
            var journeys = new JourneyRepository(open.store());
            journeys.create(JourneyTemplates.get("cart_abandonment").definition(), Clock.systemUTC().instant());
            journeys.setStatus("cart_abandonment", JourneyRepository.Status.RUNNING, Clock.systemUTC().instant());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        var spendReport = ImportSpendCommand.importFile(dataDir, spend);
        return new Loaded(writeKey, demoPassword, report.imported(), spendReport.imported());
    }

    /** Creates or empties the demo directory, refusing when a running server holds it. */
    private static void recreate(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new WaymarkException(ErrorCode.IO_FAILURE, "cannot create " + dir + ": " + e);
        }
        String[] entries = dir.toFile().list();
        if (entries != null && entries.length > 0 && !Files.exists(dir.resolve("demo-events.jsonl.gz"))) {
            throw WaymarkException.invalid("--data-dir", dir + " is not empty and is not a demo directory; refusing to clear it");
        }
        DataDirectory.open(dir).close();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(dir)).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new WaymarkException(ErrorCode.IO_FAILURE, "cannot clear " + p + ": " + e.getMessage());
                }
            });
        } catch (IOException e) {
            throw new WaymarkException(ErrorCode.IO_FAILURE, "cannot clear " + dir + ": " + e.getMessage());
        }
    }
}
