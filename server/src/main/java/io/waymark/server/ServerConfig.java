package io.waymark.server;

import io.waymark.collector.CollectorConfig;

/**
 * Where and how the server listens. It binds to loopback by default: exposing the server is an explicit
 * choice ({@code --host 0.0.0.0}), best made behind a TLS proxy so that session cookies travel encrypted.
 */
public record ServerConfig(String host, int port, CollectorConfig collector) {
    public static final int MAX_REQUEST_BYTES = 500 * 1024;

    public ServerConfig {
        if (port < 0 || port > 65535) {
            throw io.waymark.core.error.WaymarkException.invalid("port", "port must be between 0 and 65535");
        }
    }

    public static ServerConfig defaults(int port) {
        return new ServerConfig("127.0.0.1", port, CollectorConfig.DEFAULTS);
    }
}
