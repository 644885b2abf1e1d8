package io.waymark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad {@code channels.json} stops {@code waymark serve} before it listens, naming the field (exit 2, one line). */
class ServeChannelsConfigTest {
    @Test
    void aBadChannelsFileStopsStartUpNamingTheField(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("channels.json"), "{\"smtp\": {\"host\": \"smtp.example.com\", \"from\": \"not an address\"}}");
        StringWriter err = new StringWriter();
        var cl = Waymark.commandLine();
        cl.setErr(new PrintWriter(err));
        // were the file not checked, serve would listen until stopped: the timeout makes that a failure, not a hang
        int exit = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> cl.execute("serve", "--data-dir", dir.toString(), "--port", "0"));
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith("waymark: smtp.from: ").hasLineCount(1);
    }
}
