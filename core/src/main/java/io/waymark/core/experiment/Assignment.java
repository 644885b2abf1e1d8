package io.waymark.core.experiment;

import java.nio.charset.StandardCharsets;

/**
 * Deterministic assignment of a unit (a user id, else an anonymous id) to a variant, as GrowthBook's SDKs do it
 * (hashing "version 2"): FNV-1a 32-bit (Fowler, Noll & Vo) of the experiment key and the unit id, hashed twice, mapped
 * to [0, 1). One hash decides whether the unit is in the traffic share, an independent one (salted) which variant it
 * gets, so changing the traffic share does not move units between variants. Stickiness when weights change is the
 * store's job (it remembers the first assignment).
 */
public final class Assignment {
    private static final int FNV_OFFSET = 0x811c9dc5;
    private static final int FNV_PRIME = 0x01000193;

    private Assignment() {
    }

    /** The variant for {@code unit}, or null when the unit falls outside the experiment's traffic share. */
    public static Variant variant(Experiment e, String unit) {
        if (bucket(e.key() + "/traffic", unit) >= e.traffic()) {
            return null;
        }
        double total = e.variants().stream().mapToDouble(Variant::weight).sum();
        double at = bucket(e.key(), unit) * total;
        double edge = 0;
        for (Variant v : e.variants()) {
            edge += v.weight();
            if (at < edge) {
                return v;
            }
        }
        return e.variants().get(e.variants().size() - 1);
    }

    /** A uniform number in [0, 1) from the seed and the unit id: fnv1a32(fnv1a32(seed + unit)) mod 10000 / 10000. */
    public static double bucket(String seed, String unit) {
        long once = Integer.toUnsignedLong(fnv1a32(seed + unit));
        long twice = Integer.toUnsignedLong(fnv1a32(Long.toString(once)));
        return (twice % 10_000) / 10_000.0;
    }

    static int fnv1a32(String s) {
        int h = FNV_OFFSET;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= FNV_PRIME;
        }
        return h;
    }
}
