package io.waymark.cli;

import io.waymark.activation.Channels;
import io.waymark.activation.ChannelsConfig;
import io.waymark.collector.CollectorConfig;
import io.waymark.server.OpenDataDirectory;
import io.waymark.server.ServerConfig;
import io.waymark.server.WaymarkServer;
import io.waymark.store.StageRulesFile;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true, description = "Serve the collector, the query API and the dashboard.")
final class ServeCommand implements Runnable {
    @Mixin
    DataDirOption data;

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default ${DEFAULT-VALUE}).")
    String host;

    @Override
    public void run() {
        serve(data.dataDir, host, port, null);
    }

    /** Serves until the process is stopped; {@code banner} runs once the server listens. */
    static void serve(java.nio.file.Path dir, String host, int port, java.util.function.IntConsumer banner) {
        var config = new ServerConfig(host, port, CollectorConfig.DEFAULTS);
        OpenDataDirectory open = OpenDataDirectory.open(dir, config.collector(), Clock.systemUTC());
        WaymarkServer server;
        Channels channels;
        try {
            // read and validated before listening: a bad channels.json stops start-up with the field's name
            ChannelsConfig channelsConfig = ChannelsConfig.read(open.directory().root());
            server = new WaymarkServer(config, open.collector(), open.sources(), Clock.systemUTC(),
                    StageRulesFile.read(open.directory().root()));
            channels = server.channels(channelsConfig); // the journey scheduler sends through these
            server.start();
        } catch (RuntimeException e) {
            open.close();
            throw e;
        }
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            channels.close();
            open.close();
            stopped.countDown();
        }, "waymark-shutdown"));
        System.out.println("Waymark listening on http://" + host + ":" + server.port() + "/ (data: " + dir + ")");
        System.out.println("WAYMARK_PORT=" + server.port());
        if (banner != null) {
            banner.accept(server.port());
        }
        System.out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
