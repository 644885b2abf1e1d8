package io.waymark.activation.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.core.error.WaymarkException;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DestinationGuardTest {
    private final DestinationGuard guard = new DestinationGuard(false);

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/", "http://127.1.2.3:8080/x", "http://10.1.2.3/", "http://172.16.0.1/", "http://192.168.1.1/",
            "http://169.254.169.254/latest/meta-data/", "http://100.64.0.1/", "http://0.0.0.0/", "http://224.0.0.1/", "http://255.255.255.255/",
            "http://[::1]/", "http://[::]/", "http://[::ffff:127.0.0.1]/", "http://[::ffff:7f00:1]/", "http://[::ffff:169.254.169.254]/",
            "http://[::127.0.0.1]/", "http://[64:ff9b::a00:1]/", "http://[2002:7f00:1::]/", "http://[fd00::1]/", "http://[fc00::1]/",
            "http://[fe80::1]/", "http://[fec0::1]/", "http://[ff02::1]/", "http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/",
            "http://localhost:8080/hook", "https://LOCALHOST/", "http://2130706433/"})
    void refusesInternalDestinations(String url) {
        assertThatThrownBy(() -> guard.checkUrl(url, "steps[0].url"))
                .isInstanceOf(WaymarkException.class)
                .hasMessageContaining("steps[0].url")
                .satisfies(e -> assertThat(((WaymarkException) e).field()).isEqualTo("steps[0].url"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://93.184.216.34/", "file:///etc/passwd", "gopher://93.184.216.34/", "http://user:pw@93.184.216.34/",
            "//93.184.216.34/", "not a url", "http:///path"})
    void refusesOtherSchemesCredentialsAndNonUrls(String url) {
        assertThatThrownBy(() -> guard.checkUrl(url, "url")).isInstanceOf(WaymarkException.class);
        assertThatThrownBy(() -> new DestinationGuard(true).checkUrl(url, "url")).isInstanceOf(WaymarkException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://93.184.216.34/hook", "http://8.8.8.8:8080/", "https://[2606:4700:4700::1111]/", "http://[::ffff:8.8.8.8]/",
            "http://100.128.0.1/", "http://172.32.0.1/", "http://192.169.0.1/"})
    void acceptsPublicAddresses(String url) {
        assertThat(guard.checkUrl(url, "url").toString()).isEqualTo(url);
    }

    @Test
    void allowPrivateDestinationsLiftsOnlyTheAddressRules() {
        var open = new DestinationGuard(true);
        assertThat(open.checkUrl("http://127.0.0.1:9/", "url").getPort()).isEqualTo(9);
        assertThat(open.checkUrl("http://localhost/", "url").getHost()).isEqualTo("localhost");
    }

    @Test
    void aNameIsRefusedWhenAnyOfItsAddressesIs() throws Exception {
        InetAddress[] mixed = {InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.0.0.1")};
        assertThatThrownBy(() -> guard.check("mixed.example", mixed)).isInstanceOf(DestinationGuard.Refused.class)
                .hasMessageContaining("10.0.0.1");
        guard.check("public.example", new InetAddress[] {InetAddress.getByName("93.184.216.34")});
    }
}
