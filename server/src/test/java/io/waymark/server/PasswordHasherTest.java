package io.waymark.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    /**
     * Made by argon2-cffi 25.1 (the reference C implementation) with our parameters:
     * {@code PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1, hash_len=32, salt_len=16, type=Type.ID)
     * .hash("correct horse battery staple", salt=b"waymark-salt-16b")}.
     */
    private static final String REFERENCE = "$argon2id$v=19$m=19456,t=2,p=1$d2F5bWFyay1zYWx0LTE2Yg$CHo52iTV3eOJJiz6eluKL85fHgHNE6Ek/0viBBUXST4";
    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void verifiesHashesOfTheReferenceImplementation() {
        assertThat(hasher.verify("correct horse battery staple", REFERENCE)).isTrue();
        assertThat(hasher.verify("correct horse battery stapl", REFERENCE)).isFalse();
        assertThat(hasher.verify("correct horse battery staple", REFERENCE.replace("t=2", "t=3"))).isFalse();
    }

    @Test
    void hashesAreSaltedPhcStringsThatVerify() {
        String a = hasher.hash("s3cret-enough");
        String b = hasher.hash("s3cret-enough");
        assertThat(a).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").isNotEqualTo(b);
        assertThat(hasher.verify("s3cret-enough", a)).isTrue();
        assertThat(hasher.verify("s3cret-enougH", a)).isFalse();
    }

    @Test
    void malformedAndUnmatchableHashesNeverMatch() {
        for (String bad : new String[] {"", "plain", "$argon2i$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA", "$argon2id$v=19$x=1$c2FsdA$aGFzaA",
                "$argon2id$v=19$m=19456,t=2,p=1$!!$aGFzaA"}) {
            assertThat(hasher.verify("anything", bad)).as(bad).isFalse();
        }
        assertThat(hasher.verify("", PasswordHasher.unmatchable())).isFalse();
        assertThat(hasher.verify("password", PasswordHasher.unmatchable())).isFalse();
    }
}
