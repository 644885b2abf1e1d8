package io.waymark.server;

import io.javalin.http.Context;
import io.waymark.core.error.ErrorCode;
import io.waymark.core.error.WaymarkException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Serves the dashboard (the {@code web} module's classpath resources under {@code io/waymark/web/}) and
 * Apache ECharts from its WebJar, so the dashboard works offline and never loads code from a CDN.
 * Static files need no session: the page asks {@code /api/v1/me} itself and shows the login form on a 401.
 */
final class DashboardAssets {
    private static final String ROOT = "/io/waymark/web/";
    /** Only plain names below assets/: no "..", no query tricks, nothing outside the dashboard's folder. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*(/[a-z0-9][a-z0-9._-]*)*\\.(js|css|svg|png|ico)");
    private static final Map<String, String> TYPES = Map.of(
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml", "png", "image/png", "ico", "image/x-icon");
    static final String ECHARTS = "vendor/echarts.min.js";

    private final String echartsResource = "/META-INF/resources/webjars/echarts/" + webJarVersion("echarts") + "/echarts.min.js";

    /** {@code /} and {@code /login}: the single page; it routes by the URL's hash. */
    void page(Context ctx) {
        ctx.header("Cache-Control", "no-cache");
        // the page runs only our own scripts and styles; data never becomes markup (see dom.js)
        ctx.header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.contentType("text/html; charset=utf-8").result(read(ROOT + "index.html"));
    }

    /** {@code /assets/*}: the dashboard's modules and styles, and ECharts from its WebJar. */
    void asset(Context ctx) {
        String name = ctx.path().substring("/assets/".length());
        if (!NAME.matcher(name).matches()) {
            throw new WaymarkException(ErrorCode.NOT_FOUND, "path", "no asset " + name);
        }
        String resource = name.equals(ECHARTS) ? echartsResource : ROOT + "assets/" + name;
        byte[] bytes = read(resource);
        // the URLs carry no version, so a browser must ask again after an upgrade (the page loads once per visit)
        ctx.header("Cache-Control", "no-cache");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.contentType(TYPES.get(name.substring(name.lastIndexOf('.') + 1))).result(bytes);
    }

    private byte[] read(String resource) {
        byte[] bytes;
        try (InputStream in = DashboardAssets.class.getResourceAsStream(resource)) {
            bytes = in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes == null) {
            throw new WaymarkException(ErrorCode.NOT_FOUND, "path", "no asset " + resource.substring(resource.lastIndexOf('/') + 1));
        }
        return bytes;
    }

    /** The version a WebJar was built with, from the pom.properties Maven puts in every jar. */
    private static String webJarVersion(String artifact) {
        try (InputStream in = DashboardAssets.class.getResourceAsStream("/META-INF/maven/org.webjars/" + artifact + "/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the " + artifact + " WebJar is not on the classpath");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
