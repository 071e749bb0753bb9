package io.yardmaster.cost.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ApportionTest {
  @Test
  void theLargestRemaindersGetTheMicrosTheFloorsLeave() {
    // 100 in 1:1:1 → 33.33 each; the one micro left goes to the first of the equal remainders
    assertThat(Apportion.split(100, new long[] {1, 1, 1})).containsExactly(34, 33, 33);
    // 10 in 1:2:3 → 1.67, 3.33, 5 → 2, 3, 5
    assertThat(Apportion.split(10, new long[] {1, 2, 3})).containsExactly(2, 3, 5);
  }

  @Test
  void zeroWeightsGetNothingAndNoWeightsGiveNothing() {
    assertThat(Apportion.split(7, new long[] {0, 5, 0})).containsExactly(0, 7, 0);
    assertThat(Apportion.split(7, new long[] {0, 0})).containsExactly(0, 0);
  }

  @Test
  void hugeValuesStayExact() {
    long total = 4_000_000_000_000_000L;
    long[] weights = {Long.MAX_VALUE / 4, Long.MAX_VALUE / 4, 3};
    long[] parts = Apportion.split(total, weights);
    assertThat(Arrays.stream(parts).sum()).isEqualTo(total);
    assertThat(parts[0]).isEqualTo(parts[1]).isEqualTo(total / 2);
    assertThat(Apportion.mulDiv(Long.MAX_VALUE, 3, 6)).isEqualTo(Long.MAX_VALUE / 2);
    assertThat(Apportion.mulDivAtMost(Long.MAX_VALUE, 8, 2, 1000)).isEqualTo(1000);
  }

  @Test
  void roundingHalfUp() {
    assertThat(Apportion.mulDivRound(1, 1, 2)).isEqualTo(1);
    assertThat(Apportion.mulDivRound(5, 1, 3)).isEqualTo(2);
    assertThat(Apportion.mulDivRound(4, 1, 3)).isEqualTo(1);
  }
}
