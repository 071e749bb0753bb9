package io.yardmaster.bench.autoscaling.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WriteBudgetTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void allowsABurstOfTwelveThenFourAMinute() {
    WriteBudget budget = new WriteBudget(4, 12);
    int granted = 0;
    for (int i = 0; i < 20; i++) {
      granted += budget.tryAcquire(T0).isZero() ? 1 : 0;
    }

    assertThat(granted).isEqualTo(12);
    assertThat(budget.tryAcquire(T0.plus(Duration.ofSeconds(14)))).isEqualTo(Duration.ofSeconds(1));
    assertThat(budget.tryAcquire(T0.plus(Duration.ofSeconds(15)))).isZero();
    assertThat(budget.tryAcquire(T0.plus(Duration.ofSeconds(16))))
        .isEqualTo(Duration.ofSeconds(14));
  }
}
