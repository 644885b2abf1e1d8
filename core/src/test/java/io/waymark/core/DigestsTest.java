package io.waymark.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Published test vectors: FIPS 180-2 appendix B.1 for SHA-256, RFC 4231 §4.3 (test case 2) for HMAC-SHA256. */
class DigestsTest {
    @Test
    void sha256OfAbcIsTheFipsVector() {
        assertThat(Digests.sha256Hex("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Digests.sha256Hex("abc", 4)).isEqualTo("ba7816bf");
    }

    @Test
    void hmacSha256IsTheRfc4231VectorWhetherTheMessageComesWholeOrInParts() {
        byte[] key = "Jefe".getBytes(StandardCharsets.US_ASCII);
        String expected = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
        assertThat(HexFormat.of().formatHex(Digests.hmacSha256(key, bytes("what do ya want for nothing?")))).isEqualTo(expected);
        assertThat(HexFormat.of().formatHex(Digests.hmacSha256(key, bytes("what do ya "), bytes("want for nothing?"))))
                .isEqualTo(expected);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
