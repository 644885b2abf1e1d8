package io.waymark.activation.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LinkSignerTest {
    private static final byte[] SECRET = new byte[32];
    private final LinkSigner signer = new LinkSigner(SECRET);

    private static LinkToken click(String url) {
        return new LinkToken(LinkToken.Kind.CLICK, "u:alice", "p1", "cart", "email1", "send-1", url);
    }

    @Test
    void aSignedTokenVerifiesToWhatWasSigned() {
        LinkToken t = click("https://shop.example/cart?a=1&b=é");
        assertThat(signer.verify(signer.sign(t))).contains(t);
    }

    @Test
    void anAlteredPayloadOrSignatureIsRefused() {
        String token = signer.sign(click("https://shop.example/cart"));
        String forgedPayload = signer.sign(click("https://evil.example/")).split("\\.")[0] + "." + token.split("\\.")[1];
        assertThat(signer.verify(forgedPayload)).isEmpty();
        char last = token.charAt(token.length() - 1);
        assertThat(signer.verify(token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A'))).isEmpty();
        assertThat(signer.verify(token + "." + token)).isEmpty();
        assertThat(signer.verify("not-a-token")).isEmpty();
        assertThat(signer.verify("")).isEmpty();
    }

    @Test
    void anotherSecretDoesNotVerify() {
        byte[] other = Arrays.copyOf(SECRET, 32);
        other[0] = 1;
        assertThat(new LinkSigner(other).verify(signer.sign(click("https://shop.example/")))).isEmpty();
    }
}
