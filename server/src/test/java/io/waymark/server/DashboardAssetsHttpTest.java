package io.waymark.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The dashboard's files come from the web module and the ECharts WebJar, and nothing else is reachable through /assets/. */
class DashboardAssetsHttpTest extends ServerPerTest {
    final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(t.url(path))).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePageItsModulesAndEChartsAreServedWithTheirTypes() throws Exception {
        for (String page : new String[] {"/", "/login"}) {
            var r = get(page);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
            assertThat(r.headers().firstValue("Content-Security-Policy").orElse("")).contains("default-src 'self'");
            assertThat(r.body()).contains("/assets/app.js").contains("/assets/vendor/echarts.min.js");
        }
        var app = get("/assets/app.js");
        assertThat(app.statusCode()).isEqualTo(200);
        assertThat(app.headers().firstValue("Content-Type").orElse("")).startsWith("text/javascript");
        assertThat(get("/assets/pages/funnels.js").statusCode()).isEqualTo(200);
        assertThat(get("/assets/app.css").headers().firstValue("Content-Type").orElse("")).startsWith("text/css");
        var echarts = get("/assets/vendor/echarts.min.js");
        assertThat(echarts.statusCode()).isEqualTo(200);
        assertThat(echarts.body()).contains("echarts").hasSizeGreaterThan(500_000);
    }

    @Test
    void namesOutsideTheDashboardFolderAreRefused() throws Exception {
        for (String path : new String[] {"/assets/nope.js", "/assets/..%2findex.html", "/assets/.hidden.js", "/assets/app.js.map",
                "/assets/%2e%2e/%2e%2e/META-INF/MANIFEST.MF", "/assets/vendor/echarts.js"}) {
            var r = get(path);
            // Jetty itself refuses an encoded ".." segment (400); everything else is ours (404)
            assertThat(r.statusCode()).as(path).isIn(400, 404);
            assertThat(r.body()).as(path).doesNotContain("Manifest-Version");
        }
    }

    @Test
    void dashboardTextIsNeverParsedAsMarkup() throws Exception {
        // the escaping invariant, checked on the sources: data reaches the page through text nodes only
        for (String module : new String[] {"app.js", "dom.js", "charts.js", "api.js", "state.js", "pages/overview.js", "pages/journey.js",
                "pages/funnels.js", "pages/paths.js", "pages/retention.js", "pages/sessions.js", "pages/channels.js", "pages/people.js",
                "pages/segments.js", "pages/experiments.js", "pages/journeys.js", "pages/live.js", "pages/persons.js"}) {
            var r = get("/assets/" + module);
            assertThat(r.statusCode()).as(module).isEqualTo(200);
            assertThat(r.body()).as(module).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(");
        }
    }
}
