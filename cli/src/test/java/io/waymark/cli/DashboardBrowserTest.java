package io.waymark.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.collector.CollectorConfig;
import io.waymark.core.Json;
import io.waymark.server.OpenDataDirectory;
import io.waymark.server.ServerConfig;
import io.waymark.server.WaymarkServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard in headless Chromium against a real server over the demo's data (small: 400 persons, 30 days):
 * every page renders, and what its charts and tiles show are the numbers the API answers for the same view.
 * Screenshots of every page go to target/screenshots/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {
    private static final LocalDate END = LocalDate.parse("2026-03-01");
    /** The view every page is opened with: the picker's dates (the end inclusive) and the same scope as a spec. */
    private static final String VIEW = "from=2026-02-01&to=2026-02-28&tz=UTC";
    private static final String SCOPE = "\"from\":\"2026-02-01\",\"to\":\"2026-03-01\",\"timezone\":\"UTC\"";

    private Path dir;
    private OpenDataDirectory data;
    private WaymarkServer server;
    private Browser browser;
    private String writeKey;
    private String password;
    /** The API as the test reads it: the demo user's session cookie (queries need no CSRF token). */
    private String cookie;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("waymark-browser");
        DemoCommand.Loaded loaded = DemoCommand.load(dir, 400, 30, 7, END);
        writeKey = loaded.writeKey();
        password = loaded.demoPassword();
        data = OpenDataDirectory.open(dir, CollectorConfig.DEFAULTS, Clock.systemUTC());
        server = new WaymarkServer(new ServerConfig("127.0.0.1", 0, CollectorConfig.DEFAULTS), data.collector(), data.sources(),
                Clock.systemUTC()).start();
        browser = new Browser(url(""), dir.resolve("chromium-profile"), Path.of("target", "screenshots"));
        var login = http.send(HttpRequest.newBuilder(URI.create(url("/api/v1/login"))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"demo\",\"password\":\"" + password + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        cookie = setCookie.substring(0, setCookie.indexOf(';'));
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
        if (data != null) {
            data.close();
        }
    }

    @Test
    @Order(0)
    void theDashboardAsksForALoginFirst() {
        browser.driver.get(url("/#/overview?" + VIEW));
        browser.until("the login form", () -> !browser.findAll("form#login").isEmpty());
        browser.screenshot("login");
        browser.find("#login input[name='username']").sendKeys("demo");
        browser.find("#login input[name='password']").sendKeys("not the password");
        browser.find("#login button[type='submit']").click();
        browser.until("the refusal", () -> browser.find("#login .form-error").isDisplayed());
        assertThat(browser.find("#login .form-error").getText()).isEqualTo("Wrong user name or password.");
        WebElement field = browser.find("#login input[name='password']");
        field.clear();
        field.sendKeys(password);
        browser.find("#login button[type='submit']").click();
        browser.until("the overview", () -> !browser.findAll("#page[data-page='overview']").isEmpty());
        browser.settled();
        assertThat(browser.find(".user").getText()).contains("demo", "admin");
    }

    @Test
    @Order(1)
    void overviewShowsTheKpisTheApiAnswers() throws Exception {
        WebElement page = browser.open("overview?" + VIEW);
        assertThat(page.getAttribute("data-state")).isEqualTo("ready");
        JsonNode kpis = query("{\"kind\":\"kpis\"," + SCOPE + ",\"compareTo\":\"previous_period\"}");
        for (JsonNode k : kpis.get("kpis")) {
            String name = k.get("name").asText();
            if (List.of("visitors", "purchasers", "orders", "new_customers").contains(name)) {
                assertThat(number(browser.find("[data-kpi='" + name + "'] .tile-value").getText())).as(name).isEqualTo(k.get("value").asDouble());
            }
            if (name.equals("revenue")) {
                assertThat(number(browser.find("[data-kpi='revenue'] .tile-value").getText())).isCloseTo(k.get("value").asDouble(), within(0.006));
                double change = k.get("change").asDouble();
                assertThat(browser.find("[data-kpi='revenue'] .tile-change").getText()).startsWith(String.format("%s%.1f%%", change > 0 ? "+" : "", change * 100));
            }
        }
        JsonNode revenue = query("{\"kind\":\"trend\"," + SCOPE + ",\"interval\":\"day\",\"event\":\"purchase\",\"measure\":\"sum:revenue\"}");
        assertThat(browser.chartData("revenue", 0)).containsExactlyElementsOf(values(revenue.at("/series/0/points"), "value"));
        assertThat(browser.chartData("spark-revenue", 0)).containsExactlyElementsOf(values(revenue.at("/series/0/points"), "value"));
        browser.screenshot("overview");
    }

    @Test
    @Order(2)
    void journeyMapShowsTheStagesAndAStagesDropOffs() throws Exception {
        browser.open("journey?" + VIEW);
        JsonNode stages = query("{\"kind\":\"stages\"," + SCOPE + "}").get("stages");
        List<WebElement> columns = browser.findAll(".stage");
        assertThat(columns).hasSize(stages.size());
        for (int i = 0; i < stages.size(); i++) {
            assertThat(number(columns.get(i).findElement(org.openqa.selenium.By.cssSelector(".stage-persons")).getText()))
                    .isEqualTo(stages.get(i).get("persons").asDouble());
        }
        assertThat(browser.chartData("stage-persons", 0)).containsExactlyElementsOf(values(stages, "persons"));
        browser.screenshot("journey-map");
        columns.get(2).click();
        browser.settled();
        browser.until("the stage's persons", () -> !browser.findAll("#stage-members").isEmpty());
        JsonNode members = query("{\"kind\":\"segment\",\"rules\":{\"fact\":\"stage\",\"op\":\"eq\",\"value\":\"" + stages.get(2).get("name").asText()
                + "\"},\"asOf\":\"2026-03-01\",\"timezone\":\"UTC\"}");
        assertThat(number(browser.find("#stage-members").getText())).isEqualTo(members.get("members").asDouble());
        browser.screenshot("journey-map-stage");
    }

    @Test
    @Order(3)
    void aFunnelBuiltInTheBrowserAndItsDropOffSavedAsASegment() throws Exception {
        browser.open("funnels?" + VIEW);
        // build product_view → add_to_cart → purchase from the default four steps: remove checkout_started
        List<WebElement> steps = browser.findAll("select[name='step']");
        assertThat(steps).hasSizeGreaterThanOrEqualTo(3);
        while (browser.findAll("select[name='step']").size() > 3) {
            browser.find("button[aria-label='Remove step 3']").click();
        }
        new Select(browser.findAll("select[name='step']").get(0)).selectByValue("product_view");
        new Select(browser.findAll("select[name='step']").get(1)).selectByValue("add_to_cart");
        new Select(browser.findAll("select[name='step']").get(2)).selectByValue("purchase");
        new Select(browser.find("select[name='window']")).selectByValue("1d");
        new Select(browser.find("select[name='breakdown']")).selectByValue("channel");
        browser.find("#run-funnel").click();
        browser.until("the funnel's URL", () -> browser.driver.getCurrentUrl().contains("step=purchase"));
        browser.settled();
        String steps3 = "\"steps\":[{\"event\":\"product_view\"},{\"event\":\"add_to_cart\"},{\"event\":\"purchase\"}],\"window\":\"1d\",\"mode\":\"ordered\"";
        JsonNode funnel = query("{\"kind\":\"funnel\"," + SCOPE + "," + steps3 + ",\"breakdown\":\"channel\",\"dropOffAt\":2}");
        assertThat(browser.chartData("funnel", 0)).containsExactlyElementsOf(values(funnel.get("steps"), "persons"));
        assertThat(browser.findAll("[data-chart='funnel-breakdown']")).hasSize(1);
        browser.screenshot("funnels");

        browser.find("button.dropoff[data-step='2']").click();
        browser.settled();
        browser.until("the drop-off", () -> !browser.findAll("#dropoff-total").isEmpty());
        long dropped = funnel.at("/dropOff/total").asLong();
        assertThat(dropped).isPositive();
        assertThat(number(browser.find("#dropoff-total").getText())).isEqualTo(dropped);
        WebElement name = browser.find("#dropoff input[name='segment-name']");
        name.clear();
        name.sendKeys("Viewed, no cart");
        browser.find("#dropoff .save-segment button[type='submit']").click();
        browser.until("the saved segment", () -> !browser.findAll("#dropoff .save-result[data-segment]").isEmpty());
        String id = browser.find("#dropoff .save-result").getAttribute("data-segment");
        JsonNode saved = get("/api/v1/segments/" + id);
        assertThat(saved.get("name").asText()).isEqualTo("Viewed, no cart");
        assertThat(saved.at("/rules/droppedAt").asInt()).isEqualTo(2);
        assertThat(saved.get("members").asLong()).isEqualTo(dropped);
        browser.screenshot("funnels-dropoff-saved");

        // by persona: the personas of the range split the funnel's entrants between them
        browser.open("funnels?" + VIEW + "&step=product_view&step=purchase&window=1d&breakdown=persona");
        JsonNode personas = query("{\"kind\":\"personas\"," + SCOPE + ",\"k\":\"auto\"}").get("personas");
        List<WebElement> rows = browser.findAll("[data-chart='funnel-breakdown'] ~ .table-wrap tbody tr");
        assertThat(rows).hasSize(personas.size());
        double entered = 0;
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i).getText()).startsWith(personas.get(i).get("name").asText());
            entered += number(rows.get(i).findElements(org.openqa.selenium.By.cssSelector("td")).get(1).getText());
        }
        assertThat(entered).isEqualTo(funnel.at("/steps/0/persons").asDouble());
        browser.screenshot("funnels-by-persona");
    }

    @Test
    @Order(4)
    void pathsRetentionAndSessionsShowTheApisNumbers() throws Exception {
        browser.open("paths?" + VIEW + "&event=product_view&depth=4");
        JsonNode paths = query("{\"kind\":\"paths\"," + SCOPE + ",\"start\":\"product_view\",\"depth\":4,\"top\":15}");
        Object links = browser.js("return echarts.getInstanceByDom(document.querySelector('[data-chart=sankey]')).getOption().series[0].links.map(l => l.value)");
        assertThat(((List<?>) links).stream().map(o -> ((Number) o).doubleValue()).toList()).containsExactlyElementsOf(values(paths.get("links"), "value"));
        browser.screenshot("paths");

        browser.open("retention?" + VIEW + "&start=signup&return=purchase&period=week");
        JsonNode retention = query("{\"kind\":\"retention\"," + SCOPE + ",\"start\":\"signup\",\"return\":\"purchase\",\"period\":\"week\",\"periods\":8}");
        List<WebElement> rows = browser.findAll("#retention tbody tr");
        assertThat(rows).hasSize(retention.get("cohorts").size());
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i).getAttribute("data-cohort")).isEqualTo(retention.at("/cohorts/" + i + "/start").asText());
            assertThat(number(rows.get(i).findElements(org.openqa.selenium.By.cssSelector("td")).get(0).getText()))
                    .isEqualTo(retention.at("/cohorts/" + i + "/size").asDouble());
        }
        browser.screenshot("retention");

        browser.open("sessions?" + VIEW);
        JsonNode sessions = query("{\"kind\":\"sessions\"," + SCOPE + ",\"top\":15}");
        assertThat(number(browser.find("[data-kpi='sessions'] .tile-value").getText())).isEqualTo(sessions.get("sessions").asDouble());
        assertThat(browser.chartData("sessions-by-channel", 0)).containsExactlyElementsOf(values(sessions.get("byChannel"), "sessions"));
        browser.screenshot("sessions");
    }

    @Test
    @Order(5)
    void attributionModelsSideBySide() throws Exception {
        browser.open("channels?" + VIEW);
        List<String> models = List.of("last_touch", "linear", "markov");
        for (int m = 0; m < models.size(); m++) {
            JsonNode r = query("{\"kind\":\"attribution\"," + SCOPE + ",\"conversion\":\"purchase\",\"model\":\"" + models.get(m) + "\",\"value\":\"revenue\",\"by\":\"channel\"}");
            List<Double> shown = browser.chartData("attribution", m);
            for (JsonNode row : r.get("rows")) {
                int at = browser.findAll("#attribution-table tbody tr").stream().map(e -> e.getAttribute("data-key")).toList().indexOf(row.get("channel").asText());
                assertThat(shown.get(at)).as(models.get(m) + " " + row.get("channel")).isCloseTo(row.get("revenue").asDouble(), within(1e-6));
            }
        }
        browser.screenshot("channels");
    }

    @Test
    @Order(6)
    void aScriptInAnEventPropertyIsShownAsText() throws Exception {
        String payload = "<script>window.__xss=1</script><img src=x onerror=\"window.__xss=2\">";
        track(Json.MAPPER.writeValueAsString(java.util.Map.of("userId", "xss-victim", "event", "review", "timestamp", "2026-02-20T10:00:00Z",
                "properties", java.util.Map.of("comment", payload))));
        assertThat(data.collector().awaitLoaded(30_000)).isTrue();
        browser.open("people?" + VIEW + "&q=xss-victim");
        browser.find("tr.clickable").click();
        browser.settled();
        browser.until("the timeline", () -> !browser.findAll("#timeline li").isEmpty());
        assertThat(browser.find("#timeline").getText()).contains(payload);
        assertThat(browser.findAll("#timeline script, #timeline img")).isEmpty();
        assertThat(browser.js("return window.__xss === undefined")).isEqualTo(true);
        browser.screenshot("people-profile");
    }

    @Test
    @Order(7)
    void segmentsPreviewAndPersonas() throws Exception {
        browser.open("segments?" + VIEW);
        assertThat(browser.findAll("table.segments tbody tr")).hasSize(get("/api/v1/segments").get("segments").size());
        browser.until("the personas", () -> !browser.findAll(".persona").isEmpty());
        JsonNode personas = query("{\"kind\":\"personas\"," + SCOPE + ",\"k\":\"auto\"}").get("personas");
        List<WebElement> cards = browser.findAll(".persona");
        assertThat(cards).hasSize(personas.size());
        assertThat(cards.stream().map(c -> Double.valueOf(c.getAttribute("data-size"))).toList()).containsExactlyElementsOf(values(personas, "size"));
        browser.find("#preview-segment").click();
        browser.until("the preview", () -> !browser.findAll("#preview-members").isEmpty());
        JsonNode preview = query("{\"kind\":\"segment\",\"rules\":{\"event\":\"add_to_cart\",\"within\":\"30d\"},\"asOf\":\"2026-03-01\",\"timezone\":\"UTC\"}");
        assertThat(number(browser.find("#preview-members").getText())).isEqualTo(preview.get("members").asDouble());
        browser.screenshot("segments");
    }

    @Test
    @Order(8)
    void experimentResultAndVerdict() throws Exception {
        browser.open("experiments?" + VIEW + "&key=fast_mobile_shipping");
        browser.until("the result", () -> !browser.findAll(".verdict").isEmpty());
        JsonNode r = query("{\"kind\":\"experiment\",\"experiment\":\"fast_mobile_shipping\"}");
        assertThat(browser.find(".verdict p").getText()).isEqualTo(r.at("/result/verdicts/0/sentence").asText());
        assertThat(browser.findAll(".metric")).hasSize(r.at("/result/metrics").size());
        browser.screenshot("experiments");
    }

    @Test
    @Order(9)
    void journeysLiveAndThePhoneWidth() throws Exception {
        WebElement journeys = browser.open("journeys?" + VIEW);
        assertThat(journeys.getAttribute("data-state")).isEqualTo("ready");
        JsonNode saved = get("/api/v1/journeys").get("journeys");
        assertThat(saved).as("the demo's running journey").isNotEmpty();
        assertThat(browser.find("tbody tr").getText()).contains(saved.get(0).get("name").asText(), saved.get(0).get("status").asText());
        var emotion = new ArrayList<Double>();
        query("{\"kind\":\"stages\"," + SCOPE + "}").get("stages").forEach(st -> emotion.add(st.at("/emotion/score").isNull() ? null : st.at("/emotion/score").asDouble()));
        assertThat(browser.chartData("sentiment", 0)).containsExactlyElementsOf(emotion);
        browser.screenshot("journeys");
        WebElement live = browser.open("live?" + VIEW);
        assertThat(live.getAttribute("data-state")).isEqualTo("ready");
        browser.until("the stream", () -> browser.find("#live-status").getText().startsWith("Connected"));
        track("{\"userId\":\"live-visitor\",\"event\":\"newsletter_signup\",\"context\":{\"channel\":\"email\"}}");
        browser.until("the event on the live page", () -> browser.find("#live-events tbody").getText().contains("newsletter_signup"));
        assertThat(browser.find("#live-events tbody tr").getText()).contains("newsletter_signup", "email");
        browser.screenshot("live");
        browser.open("people?" + VIEW);
        browser.screenshot("people");
        WebElement empty = browser.open("overview?from=2020-01-01&to=2020-01-31&tz=UTC");
        assertThat(empty.getAttribute("data-state")).isEqualTo("empty");
        assertThat(empty.getText()).contains("No events in this date range yet", "/v1/track");
        browser.screenshot("overview-empty");
        browser.resize(390, 844);
        browser.open("overview?" + VIEW);
        assertThat((Long) browser.js("return document.documentElement.scrollWidth")).isLessThanOrEqualTo(390L);
        browser.screenshot("overview-phone");
        browser.open("funnels?" + VIEW);
        browser.screenshot("funnels-phone");
        browser.resize(1280, 800);
    }

    @Test
    @Order(10)
    void logOutEndsTheSession() {
        browser.open("overview?" + VIEW);
        browser.find("#logout").click();
        browser.until("the login form", () -> !browser.findAll("form#login").isEmpty());
        assertThat(browser.find("#login .form-error").getText()).isEqualTo("You are logged out.");
        browser.driver.navigate().refresh();
        browser.until("the login form again", () -> !browser.findAll("form#login").isEmpty());
        assertThat(browser.findAll("#page")).isEmpty();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    private void track(String event) throws Exception {
        var r = http.send(HttpRequest.newBuilder(URI.create(url("/v1/track"))).header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((writeKey + ":").getBytes()))
                .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private JsonNode query(String spec) throws Exception {
        var r = http.send(HttpRequest.newBuilder(URI.create(url("/api/v1/query"))).header("Content-Type", "application/json")
                .header("Cookie", cookie).POST(HttpRequest.BodyPublishers.ofString(spec)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.MAPPER.readTree(r.body());
    }

    private JsonNode get(String path) throws Exception {
        var r = http.send(HttpRequest.newBuilder(URI.create(url(path))).header("Cookie", cookie).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.MAPPER.readTree(r.body());
    }

    private static List<Double> values(JsonNode array, String field) {
        var out = new ArrayList<Double>();
        array.forEach(n -> out.add(n.get(field).isNull() ? null : n.get(field).asDouble()));
        return out;
    }

    /** A number as the page prints it ("1,530", "300,062.67"). */
    private static double number(String text) {
        return Double.parseDouble(text.replace(",", "").replaceAll("[^0-9.\\-]", ""));
    }
}
