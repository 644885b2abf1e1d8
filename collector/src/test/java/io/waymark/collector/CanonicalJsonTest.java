package io.waymark.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalJsonTest {
    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"a\":[1,-2,0,1.5,-0.0,1.0E21,1.0E-5,true,null],\"b\":{\"c\":\"x\\\"\\\\\\n\\t\\r\\b\\f/\"}}",
            "{\"é\":\"東京 \u007f \u2028\"}", "{\"big\":123456789012345678901234567890}"})
    void theGeneratorsOwnFormIsCopiedAsItIs(String json) {
        assertThat(check(json)).isEqualTo(CanonicalJson.COMPACT);
        assertThat(copy(json)).isEqualTo(json);
    }

    @Test
    void whitespaceBetweenTokensIsLeftOutButKeptInsideStrings() {
        String json = "{ \"a b\" : [ 1 ,\n\t2 ] ,\r\n \"c\" : \" x \" }";
        assertThat(check(json)).isEqualTo(CanonicalJson.HAS_WHITESPACE);
        assertThat(copy(json)).isEqualTo("{\"a b\":[1,2],\"c\":\" x \"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":\"\\u00e9\"}", "{\"a\":\"x\\/y\"}", "{\"\\u0041\":1}", "{\"a\":\"\uD83D\uDE00\"}",
            "{\"a\":1.50}", "{\"a\":1e3}", "{\"a\":1E-5}", "{\"a\":-0}", "{\"a\":0.00001}", "{\"a\":1e400}"})
    void whatTheGeneratorWritesDifferentlyIsRefused(String json) {
        assertThat(check(json)).isEqualTo(CanonicalJson.NOT_CANONICAL);
    }

    /** A copy would keep both values of a repeated key where a tree keeps the last. */
    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1,\"a\":2}", "{\"a\":{\"b\":1,\"c\":[{\"d\":1,\"d\":1}]}}", "{\"a\" : 1 , \"a\":1}",
            "{\"x\":{\"k\":1},\"k\":2,\"y\":{},\"k\":3}"})
    void repeatedKeysAreRefused(String json) {
        assertThat(check(json)).isEqualTo(CanonicalJson.NOT_CANONICAL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":{\"k\":1},\"b\":{\"k\":2},\"k\":3}", "{\"items\":[{\"x\":1},{\"x\":2}]}",
            "{\"a\":\"b\",\"b\":\"a\"}", "{\"a\":\"a\",\"ab\":1,\"ba\":2}"})
    void theSameKeyInDifferentObjectsOrAsAValueIsNoRepeat(String json) {
        assertThat(check(json)).isEqualTo(CanonicalJson.COMPACT);
    }

    @Test
    void objectsWithVeryManyKeysTakeTheTreePath() {
        var keys = new StringBuilder("{");
        for (int i = 0; i < CanonicalJson.Keys.MAX_KEYS; i++) {
            keys.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        assertThat(check(keys + "}")).isEqualTo(CanonicalJson.COMPACT);
        assertThat(check(keys + ",\"last\":0}")).isEqualTo(CanonicalJson.NOT_CANONICAL);
        assertThat(check("{\"deep\":" + "[{\"a\":".repeat(200) + "1" + "}]".repeat(200) + "}")).isEqualTo(CanonicalJson.COMPACT);
    }

    /** Strings are scanned 8 bytes at a time where they are plain: what stops the scan must be found at every position. */
    @Test
    void everyPositionInAStringIsScanned() {
        String[][] cases = {
            {"\\\"", "copy"}, {"\\\\", "copy"}, {"\\n", "copy"}, {"é", "copy"}, {"東", "copy"}, {"\u007f", "copy"},
            {"\\u00e9", "refuse"}, {"\\/", "refuse"}, {"\uD83D\uDE00", "refuse"}};
        for (String[] c : cases) {
            for (int p = 0; p <= 24; p++) {
                String json = "{\"k\":\"" + "a".repeat(p) + c[0] + "b".repeat(24 - p) + "\",\"k2\":\"" + "c".repeat(p) + "\"}";
                if (c[1].equals("copy")) {
                    assertThat(check(json)).as(json).isEqualTo(CanonicalJson.COMPACT);
                    assertThat(copy(json)).isEqualTo(json);
                } else {
                    assertThat(check(json)).as(json).isEqualTo(CanonicalJson.NOT_CANONICAL);
                }
            }
        }
        byte[] control = "{\"k\":\"aaaaaaaaaaaa\u0001bbbbbbbbbbbb\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(CanonicalJson.check(control, 0, control.length)).isEqualTo(CanonicalJson.NOT_CANONICAL);
        // a repeated key found only if the scan stops at the end of the first long key
        assertThat(check("{\"" + "k".repeat(20) + "\":1,\"" + "k".repeat(20) + "\":2}")).isEqualTo(CanonicalJson.NOT_CANONICAL);
    }

    @Test
    void malformedUtf8IsRefused() {
        byte[] overlong = {'"', (byte) 0xC0, (byte) 0x80, '"'};
        byte[] surrogate = {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'};
        byte[] truncated = {'"', (byte) 0xE4, (byte) 0xB8, '"'};
        byte[] strayContinuation = "\"aaaaaaaaaaaa?bbbbbbbbbbbb\"".getBytes(StandardCharsets.US_ASCII);
        strayContinuation[13] = (byte) 0x85;
        for (byte[] b : new byte[][] {overlong, surrogate, truncated, strayContinuation}) {
            assertThat(CanonicalJson.check(b, 0, b.length)).isEqualTo(CanonicalJson.NOT_CANONICAL);
        }
    }

    private static int check(String json) {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        return CanonicalJson.check(b, 0, b.length);
    }

    private static String copy(String json) {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        var out = new ByteArrayOutputStream();
        CanonicalJson.copy(b, 0, b.length, CanonicalJson.check(b, 0, b.length), out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
