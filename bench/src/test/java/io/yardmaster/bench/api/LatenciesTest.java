package io.yardmaster.bench.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LatenciesTest {
  @Test
  void quantilesAreNearestRankOverEveryThreadsValues() {
    Latencies first = new Latencies();
    Latencies second = new Latencies();
    for (int millis = 1; millis <= 100; millis++) {
      (millis % 2 == 0 ? first : second).add(millis * 1_000_000L);
    }

    Latencies all = Latencies.merge(List.of(first, second));

    assertThat(all.count()).isEqualTo(100);
    assertThat(all.quantileMillis(0.5)).isEqualTo(50.0);
    assertThat(all.quantileMillis(0.99)).isEqualTo(99.0);
    assertThat(all.quantileMillis(1.0)).isEqualTo(100.0);
  }

  @Test
  void growsPastItsFirstArray() {
    Latencies many = new Latencies();
    for (int i = 0; i < 200_000; i++) {
      many.add(i);
    }

    assertThat(Latencies.merge(List.of(many)).quantileMillis(1.0)).isEqualTo(199_999 / 1e6);
  }

  @Test
  void noValuesHaveNoQuantile() {
    assertThat(Latencies.merge(List.of(new Latencies())).quantileMillis(0.99)).isNaN();
  }
}
