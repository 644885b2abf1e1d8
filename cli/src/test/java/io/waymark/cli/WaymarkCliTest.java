package io.waymark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.collector.CollectorConfig;
import io.waymark.core.Json;
import io.waymark.server.OpenDataDirectory;
import io.waymark.server.ServerConfig;
import io.waymark.server.WaymarkServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Runs the real {@code waymark} main in a child JVM and checks stdout, stderr and the exit code. */
class WaymarkCliTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
        JsonNode json() throws IOException {
            return Json.MAPPER.readTree(out);
        }
    }

    private Run waymark(String stdin, String... args) throws Exception {
        var cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.waymark.cli.Waymark"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out, err);
    }

    private String data() {
        return dir.resolve("data").toString();
    }

    @Test
    void sourceImportAndQueryWorkTogether() throws Exception {
        Run add = waymark(null, "source", "add", "--data-dir", data(), "--name", "web");
        assertThat(add.exit()).as(add.err()).isZero();
        assertThat(add.json().get("name").asText()).isEqualTo("web");
        assertThat(add.json().get("writeKey").asText()).startsWith("wk_");

        Path file = dir.resolve("events.jsonl");
        Files.writeString(file, """
                {"type":"track","userId":"u1","event":"signup","messageId":"1","timestamp":"2026-01-01T00:00:00Z"}
                not json
                {"type":"track","userId":"u1","event":"purchase","messageId":"2","timestamp":"2026-01-02T00:00:00Z","properties":{"revenue":5}}
                """);
        Run imported = waymark(null, "import", "--data-dir", data(), file.toString());
        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.json().get("imported").asInt()).isEqualTo(2);
        assertThat(imported.json().get("rejected").asInt()).isEqualTo(1);
        assertThat(imported.json().get("errors").get(0).get("line").asInt()).isEqualTo(2);

        Run summary = waymark("{\"kind\":\"summary\"}", "query", "--data-dir", data(), "--spec", "-");
        assertThat(summary.exit()).as(summary.err()).isZero();
        assertThat(summary.json().get("events").asInt()).isEqualTo(2);
        assertThat(summary.json().get("byEvent").get("purchase").asInt()).isEqualTo(1);

        Run funnel = waymark("{\"kind\":\"funnel\",\"steps\":[{\"event\":\"signup\"},{\"event\":\"purchase\"}],\"window\":\"1d\"}",
                "query", "--data-dir", data(), "--spec", "-");
        assertThat(funnel.exit()).as(funnel.err()).isZero();
        assertThat(funnel.json().at("/steps/1/persons").asInt()).isEqualTo(1);
        assertThat(funnel.json().at("/steps/1/medianSecondsFromPrevious").asDouble()).isEqualTo(86_400);
    }

    @Test
    void importSpendReportsBadLinesAndKpisSeeTheSpend() throws Exception {
        Path file = dir.resolve("spend.csv");
        Files.writeString(file, """
                date,channel,campaign,cost,currency
                2026-03-01,ads,spring,50,EUR
                2026-03-02,facebook,spring,10,EUR
                2026-03-02,ads,spring,25.5,EUR
                """);
        Run imported = waymark(null, "import-spend", "--data-dir", data(), file.toString());
        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.json().get("imported").asInt()).isEqualTo(2);
        assertThat(imported.json().get("rejected").asInt()).isEqualTo(1);
        assertThat(imported.json().at("/errors/0/line").asInt()).isEqualTo(3);
        assertThat(imported.json().at("/errors/0/field").asText()).isEqualTo("channel");

        Run kpis = waymark("{\"kind\":\"kpis\",\"from\":\"2026-03-01\",\"to\":\"2026-03-08\"}", "query", "--data-dir", data(), "--spec", "-");
        assertThat(kpis.exit()).as(kpis.err()).isZero();
        assertThat(kpis.json().at("/byChannel/0/spend").asDouble()).isEqualTo(75.5);

        Run noHeader = waymark(null, "import-spend", "--data-dir", data(), writeFile("bad.csv", "day,channel,campaign,cost,currency\n"));
        assertThat(noHeader.exit()).isEqualTo(2);
        assertThat(noHeader.err().strip().lines()).hasSize(1);
        assertThat(noHeader.err()).contains("'date'");
        Run missing = waymark(null, "import-spend", "--data-dir", data(), dir.resolve("nope.csv").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.csv");
    }

    @Test
    void theGeneratedSpendFileImportsWithoutErrors() throws Exception {
        Path spend = dir.resolve("demo-spend.csv");
        Run gen = waymark(null, "generate", "--persons", "200", "--days", "20", "--out", dir.resolve("e.jsonl").toString(),
                "--spend-out", spend.toString());
        assertThat(gen.exit()).as(gen.err()).isZero();
        Run imported = waymark(null, "import-spend", "--data-dir", data(), spend.toString());
        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.json().get("rejected").asInt()).isZero();
        assertThat(imported.json().get("imported").asInt()).isPositive();
    }

    private String writeFile(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        return f.toString();
    }

    @Test
    void segmentsAreSavedListedRefreshedAndDeleted() throws Exception {
        Path file = dir.resolve("events.jsonl");
        Files.writeString(file, """
                {"type":"track","userId":"u1","event":"add_to_cart","messageId":"1","timestamp":"2026-01-01T00:00:00Z"}
                {"type":"track","userId":"u2","event":"add_to_cart","messageId":"2","timestamp":"2026-01-01T00:00:00Z"}
                {"type":"track","userId":"u2","event":"purchase","messageId":"3","timestamp":"2026-01-02T00:00:00Z"}
                """);
        assertThat(waymark(null, "import", "--data-dir", data(), file.toString()).exit()).isZero();
        Run created = waymark("{\"name\":\"Never bought\",\"rules\":{\"fact\":\"orders\",\"op\":\"eq\",\"value\":0}}",
                "segment", "create", "--data-dir", data(), "--file", "-");
        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(created.json().get("id").asText()).isEqualTo("never_bought");
        assertThat(created.json().get("members").asInt()).isEqualTo(1);
        Run list = waymark(null, "segment", "list", "--data-dir", data());
        assertThat(list.json()).hasSize(1);
        Run members = waymark(null, "segment", "members", "never_bought", "--data-dir", data());
        assertThat(members.json()).hasSize(1);
        Run refreshed = waymark(null, "segment", "refresh", "--data-dir", data());
        assertThat(refreshed.json().get(0).get("members").asInt()).isEqualTo(1);
        Run inQuery = waymark("{\"kind\":\"trend\",\"event\":\"add_to_cart\",\"segment\":\"never_bought\"}",
                "query", "--data-dir", data(), "--spec", "-");
        assertThat(inQuery.json().at("/series/0/total").asInt()).isEqualTo(1);

        Run bad = waymark("{\"name\":\"x\",\"rules\":{\"fact\":\"orders\",\"op\":\"eq\",\"value\":\"none\"}}",
                "segment", "create", "--data-dir", data(), "--file", "-");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err().strip().lines()).hasSize(1);
        assertThat(bad.err()).contains("rules.value");
        Run missing = waymark(null, "segment", "show", "nope", "--data-dir", data());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("nope");

        assertThat(waymark(null, "segment", "delete", "never_bought", "--data-dir", data()).exit()).isZero();
        assertThat(waymark(null, "segment", "list", "--data-dir", data()).json()).isEmpty();
    }

    @Test
    void experimentsAreCreatedAndAnalysed() throws Exception {
        Path file = dir.resolve("events.jsonl");
        Files.writeString(file, """
                {"type":"track","userId":"u1","event":"$experiment_exposure","properties":{"experiment":"k","variant":"a"},"messageId":"1","timestamp":"2026-01-01T00:00:00Z"}
                {"type":"track","userId":"u1","event":"purchase","messageId":"2","timestamp":"2026-01-01T01:00:00Z"}
                {"type":"track","userId":"u2","event":"$experiment_exposure","properties":{"experiment":"k","variant":"b"},"messageId":"3","timestamp":"2026-01-01T00:00:00Z"}
                """);
        assertThat(waymark(null, "import", "--data-dir", data(), file.toString()).exit()).isZero();
        Run created = waymark("{\"key\":\"k\",\"variants\":[{\"key\":\"a\"},{\"key\":\"b\"}],\"metric\":{\"type\":\"conversion\",\"event\":\"purchase\"}}",
                "experiment", "create", "--data-dir", data(), "--file", "-", "--start");
        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(created.json().get("status").asText()).isEqualTo("RUNNING");
        Run analysis = waymark(null, "experiment", "analyze", "k", "--data-dir", data());
        assertThat(analysis.exit()).as(analysis.err()).isZero();
        assertThat(analysis.json().get("exposed").toString()).isEqualTo("[1,1]");
        Run bad = waymark("{\"key\":\"k2\",\"variants\":[{\"key\":\"a\"}],\"metric\":{\"type\":\"count\",\"event\":\"x\"}}",
                "experiment", "create", "--data-dir", data(), "--file", "-");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("variants");
        assertThat(waymark(null, "experiment", "stop", "k", "--data-dir", data()).json().get("status").asText()).isEqualTo("STOPPED");
    }

    @Test
    void usersAreAddedListedAndDeletedAndTheirPasswordsLogIn() throws Exception {
        Run generated = waymark(null, "user", "add", "--data-dir", data(), "--name", "ana", "--role", "admin");
        assertThat(generated.exit()).as(generated.err()).isZero();
        assertThat(generated.json().get("name").asText()).isEqualTo("ana");
        assertThat(generated.json().get("role").asText()).isEqualTo("admin");
        String password = generated.json().get("password").asText();
        assertThat(password).hasSizeGreaterThanOrEqualTo(20);
        Run given = waymark("a long enough secret\n", "user", "add", "--data-dir", data(), "--name", "vic", "--role", "viewer", "--password-stdin");
        assertThat(given.exit()).as(given.err()).isZero();
        assertThat(given.json().has("password")).isFalse();

        Run badRole = waymark(null, "user", "add", "--data-dir", data(), "--name", "x", "--role", "root");
        assertThat(badRole.exit()).isEqualTo(2);
        assertThat(badRole.err().strip().lines()).hasSize(1);
        assertThat(badRole.err()).contains("--role");
        Run duplicate = waymark(null, "user", "add", "--data-dir", data(), "--name", "ana", "--role", "viewer");
        assertThat(duplicate.exit()).isEqualTo(2);
        assertThat(duplicate.err().strip().lines()).hasSize(1);
        assertThat(duplicate.err()).contains("--name").contains("already exists");
        Run shortPassword = waymark("short\n", "user", "add", "--data-dir", data(), "--name", "sam", "--role", "viewer", "--password-stdin");
        assertThat(shortPassword.exit()).isEqualTo(2);
        assertThat(shortPassword.err()).contains("--password-stdin");

        Run list = waymark(null, "user", "list", "--data-dir", data());
        assertThat(list.exit()).isZero();
        assertThat(list.json()).hasSize(2);
        assertThat(list.json().get(0).get("name").asText()).isEqualTo("ana");
        assertThat(list.json().get(1).get("role").asText()).isEqualTo("viewer");
        assertThat(list.out()).doesNotContain(password).doesNotContain("argon2");

        try (var open = OpenDataDirectory.open(Path.of(data()), CollectorConfig.DEFAULTS, Clock.systemUTC());
             var server = new WaymarkServer(new ServerConfig("127.0.0.1", 0, CollectorConfig.DEFAULTS), open.collector(), open.sources(),
                     Clock.systemUTC()).start()) {
            var login = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/v1/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"ana\",\"password\":\"" + password + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(200);
            assertThat(login.body()).contains("\"role\":\"admin\"");
        }

        assertThat(waymark(null, "user", "delete", "--data-dir", data(), "--name", "vic").exit()).isZero();
        Run again = waymark(null, "user", "delete", "--data-dir", data(), "--name", "vic");
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err().strip().lines()).hasSize(1);
        assertThat(waymark(null, "user", "list", "--data-dir", data()).json()).hasSize(1);
    }

    @Test
    void surveysAreSavedShownAndDeleted() throws Exception {
        Run created = waymark("{\"id\":\"csat-support\",\"type\":\"csat\",\"question\":\"How satisfied are you?\"}",
                "survey", "create", "--data-dir", data(), "--file", "-");
        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(waymark(null, "survey", "form", "csat-support", "--data-dir", data()).json().get("scale").get("max").asInt()).isEqualTo(5);
        Run updated = waymark("{\"type\":\"csat\",\"question\":\"Happy?\",\"followUp\":\"Why?\"}",
                "survey", "update", "csat-support", "--data-dir", data(), "--file", "-");
        assertThat(updated.json().get("followUp").asText()).isEqualTo("Why?");
        assertThat(waymark(null, "survey", "list", "--data-dir", data()).json()).hasSize(1);
        assertThat(waymark(null, "survey", "delete", "csat-support", "--data-dir", data()).exit()).isZero();
        Run missing = waymark(null, "survey", "show", "csat-support", "--data-dir", data());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("csat-support");
    }

    @Test
    void badInputExitsWithTwoAndOneLineNamingTheProblem() throws Exception {
        Run badSpec = waymark("{\"kind\":\"summary\",\"from\":\"soon\"}", "query", "--data-dir", data(), "--spec", "-");
        assertThat(badSpec.exit()).isEqualTo(2);
        assertThat(badSpec.err().strip().lines()).hasSize(1);
        assertThat(badSpec.err()).contains("from");

        Run badStep = waymark("{\"kind\":\"retention\",\"start\":\"signup\",\"return\":\"purchase\",\"period\":\"fortnight\"}", "query", "--data-dir", data(), "--spec", "-");
        assertThat(badStep.exit()).isEqualTo(2);
        assertThat(badStep.err().strip().lines()).hasSize(1);
        assertThat(badStep.err()).contains("period");

        Run badOption = waymark(null, "serve", "--data-dir", data(), "--port", "eighty");
        assertThat(badOption.exit()).isEqualTo(2);
        assertThat(badOption.err().strip().lines()).hasSize(1);

        Run badPersons = waymark(null, "generate", "--persons", "0", "--out", dir.resolve("x.jsonl").toString());
        assertThat(badPersons.exit()).isEqualTo(2);
        assertThat(badPersons.err()).contains("--persons");

        Run missingFile = waymark(null, "import", "--data-dir", data(), dir.resolve("nope.jsonl").toString());
        assertThat(missingFile.exit()).isEqualTo(2);
        assertThat(missingFile.err()).contains("nope.jsonl");
    }

    @Test
    void aDataDirectoryInUseByAServerIsReportedClearly() throws Exception {
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.waymark.cli.Waymark", "serve", "--data-dir", data(), "--port", "0")
                .redirectErrorStream(true).start();
        try {
            var reader = new java.io.BufferedReader(new java.io.InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null && !line.startsWith("WAYMARK_PORT=")) {
                // wait until it listens
            }
            Run query = waymark("{\"kind\":\"summary\"}", "query", "--data-dir", data(), "--spec", "-");
            assertThat(query.exit()).isEqualTo(1);
            assertThat(query.err()).contains("in use by a running Waymark process").contains("pid " + server.pid());
            assertThat(query.err().strip().lines()).hasSize(1);
        } finally {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void personsExportAndForgetWithTheirExitCodes() throws Exception {
        Path file = dir.resolve("events.jsonl");
        Files.writeString(file, """
                {"type":"identify","userId":"u1","anonymousId":"a1","traits":{"email":"ada@example.com"},"messageId":"1","timestamp":"2026-01-01T00:00:00Z"}
                {"type":"track","userId":"u1","event":"purchase","messageId":"2","timestamp":"2026-01-02T00:00:00Z"}
                {"type":"track","userId":"u2","event":"purchase","messageId":"3","timestamp":"2026-01-02T00:00:00Z"}
                """);
        assertThat(waymark(null, "import", "--data-dir", data(), file.toString()).exit()).isZero();
        Run found = waymark(null, "persons", "--data-dir", data(), "--search", "ADA@example.com");
        assertThat(found.exit()).as(found.err()).isZero();
        assertThat(found.json().at("/persons/0/userIds/0").asText()).isEqualTo("u1");
        Run export = waymark(null, "export-person", "--data-dir", data(), "--anonymous-id", "a1");
        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(export.json().path("events").size()).isEqualTo(2);

        try (var held = io.waymark.store.DataDirectory.open(Path.of(data()))) {
            Run busy = waymark(null, "forget", "--data-dir", data(), "--user-id", "u1");
            assertThat(busy.exit()).isEqualTo(1);
            assertThat(busy.err()).contains("in use by a running Waymark process");
            assertThat(busy.err().strip().lines()).hasSize(1);
        }
        Run forgot = waymark(null, "forget", "--data-dir", data(), "--user-id", "u1");
        assertThat(forgot.exit()).as(forgot.err()).isZero();
        assertThat(forgot.json().at("/removed/events").asInt()).isEqualTo(2);
        Run again = waymark(null, "forget", "--data-dir", data(), "--user-id", "u1");
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err().strip()).isEqualTo("waymark: userId: no person with user id 'u1'");
        Run both = waymark(null, "forget", "--data-dir", data(), "--user-id", "u1", "--person-id", "p");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err().strip().lines()).hasSize(1);
        Run reimported = waymark(null, "import", "--data-dir", data(), file.toString());
        assertThat(reimported.json().path("forgotten").asInt()).isEqualTo(2);
        assertThat(waymark(null, "persons", "--data-dir", data(), "--search", "u1").json().path("persons").size()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo", "serve", "import", "import-spend", "generate", "source", "query", "persons", "export-person", "forget", "segment", "experiment", "user", "survey"})
    void everyCommandHasHelp(String command) throws Exception {
        Run help = waymark(null, command, "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("Usage: waymark " + command);
    }

    @Test
    void generateIsDeterministicPerSeed() throws Exception {
        Path a = dir.resolve("a.jsonl");
        Path b = dir.resolve("b.jsonl");
        assertThat(waymark(null, "generate", "--persons", "30", "--days", "10", "--seed", "3", "--end", "2026-01-01", "--out", a.toString()).exit()).isZero();
        assertThat(waymark(null, "generate", "--persons", "30", "--days", "10", "--seed", "3", "--end", "2026-01-01", "--out", b.toString()).exit()).isZero();
        assertThat(Files.mismatch(a, b)).isEqualTo(-1L);
        assertThat(Files.size(a)).isPositive();
    }
}
