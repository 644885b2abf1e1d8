package io.waymark.server;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** For HTTP tests that each need a fresh {@link TestServer} ({@code t}) over their own data directory ({@code dir}). */
abstract class ServerPerTest {
    @TempDir
    Path dir;
    TestServer t;

    @BeforeEach
    void startServer() {
        t = new TestServer(dir);
    }

    @AfterEach
    void stopServer() {
        t.close();
    }
}
