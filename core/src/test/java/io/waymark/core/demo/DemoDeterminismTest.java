package io.waymark.core.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class DemoDeterminismTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void sameConfigurationGivesByteIdenticalOutput() {
        DemoConfig config = new DemoConfig(400, 60, 11, DemoSample.END);
        Digest first = digest(config);
        Digest second = digest(config);
        assertThat(second.count).isEqualTo(first.count).isGreaterThan(1_000);
        assertThat(second.sha256).isEqualTo(first.sha256);
        assertThat(new DemoGenerator(config).spend()).isEqualTo(new DemoGenerator(config).spend());
    }

    @Test
    void anotherSeedGivesOtherData() {
        Digest a = digest(new DemoConfig(400, 60, 11, DemoSample.END));
        Digest b = digest(new DemoConfig(400, 60, 12, DemoSample.END));
        assertThat(b.sha256).isNotEqualTo(a.sha256);
        assertThat(new DemoGenerator(new DemoConfig(400, 60, 12, DemoSample.END)).spend())
                .isNotEqualTo(new DemoGenerator(new DemoConfig(400, 60, 11, DemoSample.END)).spend());
    }

    @Test
    void generateReportsHowManyMessagesItEmitted() {
        long[] seen = {0};
        long emitted = new DemoGenerator(new DemoConfig(200, 30, 3, DemoSample.END)).generate(m -> seen[0]++);
        assertThat(emitted).isEqualTo(seen[0]).isPositive();
    }

    private record Digest(long count, String sha256) {
    }

    private static Digest digest(DemoConfig config) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
        long count = new DemoGenerator(config).generate(m -> {
            try {
                sha.update(MAPPER.writeValueAsString(m).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) '\n');
            } catch (JsonProcessingException e) {
                throw new AssertionError(e);
            }
        });
        return new Digest(count, HexFormat.of().formatHex(sha.digest()));
    }
}
