package io.waymark.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LongListTest {
    private static LongList of(long... values) {
        LongList list = new LongList();
        for (long v : values) {
            list.add(v);
        }
        return list;
    }

    @Test
    void medianIsTheMiddleValueOrTheMeanOfTheTwoMiddleValues() {
        assertThat(of(7, 1, 3).median()).isEqualTo(3.0);
        assertThat(of(20, 1, 5, 2).median()).isEqualTo(3.5);
        assertThat(of(-3, Long.MAX_VALUE - 1, 4, Long.MAX_VALUE).median()).isEqualTo((4 + (double) (Long.MAX_VALUE - 1)) / 2);
        assertThat(of(42).median(1e6)).isEqualTo(42 / 1e6);
    }

    @Test
    void emptyListHasNoMedianAndNoPercentile() {
        assertThat(new LongList().median()).isNull();
        assertThat(new LongList().median(1e6)).isNull();
        assertThat(new LongList().nearestRank(50)).isNull();
    }

    @Test
    void orderStatisticsLeaveTheListAsItWas() {
        LongList list = of(5, 4, 3, 2, 1);
        assertThat(list.median()).isEqualTo(3.0);
        assertThat(list.nearestRank(20)).isEqualTo(1L);
        list.add(0);
        assertThat(list.size()).isEqualTo(6);
        assertThat(list.nearestRank(100)).isEqualTo(5L);
        assertThat(list.median()).isEqualTo(2.5);
    }

    @Test
    void addAllAppendsAndGrowsPastTheCapacity() {
        LongList a = new LongList();
        LongList b = new LongList();
        for (int i = 0; i < 100; i++) {
            a.add(i);
            b.add(100 + i);
        }
        a.addAll(b);
        a.addAll(new LongList());
        assertThat(a.size()).isEqualTo(200);
        assertThat(b.size()).isEqualTo(100);
        assertThat(a.median()).isEqualTo(99.5);
        assertThat(a.nearestRank(1)).isEqualTo(1L);
        assertThat(a.nearestRank(100)).isEqualTo(199L);
    }

    @Test
    void medianBySelectionEqualsMedianBySorting() {
        var random = new Random(11);
        for (int round = 0; round < 200; round++) {
            int n = 1 + random.nextInt(300);
            LongList list = new LongList();
            long[] sorted = new long[n];
            for (int i = 0; i < n; i++) {
                sorted[i] = random.nextInt(4) == 0 ? 0 : random.nextInt(1 + round) * 1_000_000L;
                list.add(sorted[i]);
            }
            Arrays.sort(sorted);
            double expected = n % 2 == 1 ? sorted[n / 2] / 1e6 : (sorted[n / 2 - 1] / 1e6 + sorted[n / 2] / 1e6) / 2;
            assertThat(list.median(1e6)).as("round " + round).isEqualTo(expected);
        }
    }

    /** The smallest 1-based rank r with r/n >= p/100: at least p percent of the values are at or below it. */
    private static int nearestRankByDefinition(int p, int n) {
        for (int r = 1; r < n; r++) {
            if (100L * r >= (long) p * n) {
                return r;
            }
        }
        return n;
    }

    @Test
    void nearestRankIsTheValueAtRankCeilOfPercentTimesNInTheSortedValues() {
        var random = new Random(5);
        for (int round = 0; round < 300; round++) {
            int n = 1 + random.nextInt(round < 100 ? 10 : 500);
            LongList list = new LongList();
            long[] sorted = new long[n];
            for (int i = 0; i < n; i++) {
                sorted[i] = random.nextInt(3) == 0 ? 0 : random.nextLong() >> random.nextInt(64);
                list.add(sorted[i]);
            }
            Arrays.sort(sorted);
            for (int p : new int[] {0, 1, 10, 25, 50, 90, 99, 100, random.nextInt(101)}) {
                assertThat(list.nearestRank(p)).as("round %d, n %d, p %d", round, n, p).isEqualTo(sorted[nearestRankByDefinition(p, n) - 1]);
            }
        }
    }
}
