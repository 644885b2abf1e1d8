package io.waymark.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromedriver. Both paths are given, so Selenium Manager never
 * looks for (or downloads) a browser or a driver.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of(System.getProperty("waymark.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("waymark.chromedriver", "/usr/bin/chromedriver"));
    private static final Duration WAIT = Duration.ofSeconds(60);

    final ChromeDriver driver;
    private final String base;
    private final Path screenshots;

    Browser(String base, Path profile, Path screenshots) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("the browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (apt-get install chromium chromium-driver; .ci/run does)");
        }
        this.base = base;
        this.screenshots = screenshots;
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-quic", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--window-size=1280,800", "--hide-scrollbars");
        var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    /** Opens a dashboard view and waits until its page has finished (ready, empty or error) and its charts are drawn. */
    WebElement open(String hash) {
        driver.get(base + "/#/" + hash);
        return settled();
    }

    /** Waits for the current page to finish after a navigation the page itself made. */
    WebElement settled() {
        String page = ((String) js("return location.hash")).replaceFirst("^#/", "").split("\\?")[0];
        new WebDriverWait(driver, WAIT).until(d -> {
            List<WebElement> main = d.findElements(By.cssSelector("#page[data-page='" + page + "']"));
            return !main.isEmpty() && !"loading".equals(main.get(0).getAttribute("data-state"))
                    && Boolean.TRUE.equals(js("return [...document.querySelectorAll('[data-chart]')].every(e => e.dataset.rendered)"));
        });
        return driver.findElement(By.id("page"));
    }

    void until(String what, java.util.function.Supplier<Boolean> condition) {
        new WebDriverWait(driver, WAIT).withMessage(what).until(d -> condition.get());
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** The numbers the named chart's series draws (ECharts' own option, as rendered). */
    List<Double> chartData(String chart, int series) {
        Object data = js("const c = echarts.getInstanceByDom(document.querySelector('[data-chart=\"' + arguments[0] + '\"]'));"
                + "return c.getOption().series[arguments[1]].data.map(d => d !== null && typeof d === 'object' ? d.value : d);", chart, series);
        var out = new ArrayList<Double>();
        for (Object o : (List<?>) data) {
            out.add(o == null ? null : ((Number) o).doubleValue());
        }
        return out;
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(screenshots);
            // the whole page, not only the viewport (Chrome DevTools' Page.captureScreenshot beyond the viewport)
            var shot = driver.executeCdpCommand("Page.captureScreenshot", java.util.Map.of("format", "png", "captureBeyondViewport", true));
            Files.write(screenshots.resolve(name + ".png"), java.util.Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void resize(int width, int height) {
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
