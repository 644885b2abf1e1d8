package io.waymark.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.core.Json;
import io.waymark.core.error.ErrorCode;
import io.waymark.core.error.WaymarkException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChannelsConfigTest {
    private static ChannelsConfig parse(String json) throws Exception {
        return ChannelsConfig.parse(Json.MAPPER.readTree(json));
    }

    @Test
    void readsEveryFieldWithDefaults() throws Exception {
        ChannelsConfig c = parse("""
                {"publicBaseUrl": "https://wm.example.com/", "allowPrivateDestinations": true,
                 "smtp": {"host": "smtp.example.com", "username": "u", "password": "p", "from": "Shop <news@shop.example>"},
                 "webhook": {"timeout": "30s", "secrets": {"crm": "0123456789abcdef"}}}""");
        assertThat(c.publicBaseUrl()).isEqualTo("https://wm.example.com");
        assertThat(c.allowPrivateDestinations()).isTrue();
        assertThat(c.smtp()).isEqualTo(new ChannelsConfig.Smtp("smtp.example.com", 587, ChannelsConfig.TlsMode.STARTTLS, "u", "p",
                "Shop <news@shop.example>", Duration.ofSeconds(10)));
        assertThat(c.webhook().timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.webhook().connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.webhook().secrets()).containsEntry("crm", "0123456789abcdef");
        assertThat(parse("{\"smtp\": {\"host\": \"h\", \"tls\": \"smtps\", \"from\": \"a@b.example\"}}").smtp().port()).isEqualTo(465);
    }

    @Test
    void withoutAFileThereIsNoEmailAndWebhooksStayPublic(@TempDir Path dir) {
        ChannelsConfig c = ChannelsConfig.read(dir);
        assertThat(c.smtp()).isNull();
        assertThat(c.allowPrivateDestinations()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"smtp\": {\"host\": \"h\"}}|smtp.from",
            "{\"smtp\": {\"from\": \"a@b.example\"}}|smtp.host",
            "{\"smtp\": {\"host\": \"h\", \"from\": \"not an address\"}}|smtp.from",
            "{\"smtp\": {\"host\": \"h\", \"from\": \"a@b.example\", \"port\": 70000}}|smtp.port",
            "{\"smtp\": {\"host\": \"h\", \"from\": \"a@b.example\", \"tls\": \"ssl\"}}|smtp.tls",
            "{\"smtp\": {\"host\": \"h\", \"from\": \"a@b.example\", \"username\": \"u\"}}|smtp.password",
            "{\"smtp\": {\"host\": \"h\", \"from\": \"a@b.example\", \"hostname\": \"x\"}}|smtp.hostname",
            "{\"publicBaseUrl\": \"ftp://x\"}|publicBaseUrl",
            "{\"publicBaseUrl\": \"https://x/?a=1\"}|publicBaseUrl",
            "{\"webhook\": {\"timeout\": \"soon\"}}|webhook.timeout",
            "{\"webhook\": {\"secrets\": {\"crm\": \"short\"}}}|webhook.secrets.crm",
            "{\"allowPrivateDestinations\": \"yes\"}|allowPrivateDestinations",
            "{\"smtpp\": {}}|smtpp"})
    void aBadFieldIsNamed(String json, String field) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(WaymarkException.class)
                .satisfies(e -> assertThat(((WaymarkException) e).field()).isEqualTo(field));
    }

    @Test
    void invalidJsonNamesTheFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("channels.json"), "{\"smtp\": ");
        assertThatThrownBy(() -> ChannelsConfig.read(dir)).isInstanceOf(WaymarkException.class)
                .satisfies(e -> assertThat(((WaymarkException) e).code()).isEqualTo(ErrorCode.INVALID_JSON))
                .hasMessageContaining("channels.json");
    }
}
