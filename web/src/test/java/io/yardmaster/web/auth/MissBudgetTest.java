package io.yardmaster.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MissBudgetTest {
  private Instant now = Instant.parse("2026-12-01T10:00:00Z");
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now;
        }
      };

  @Test
  void aSprayOfUnknownTokensGetsItsBurstThenTwentyLookupsASecond() {
    MissBudget budget = new MissBudget(clock);
    long burst = IntStream.range(0, 1000).filter(i -> budget.take()).count();
    assertThat(burst).isEqualTo(MissBudget.BURST);
    now = now.plusSeconds(1);
    long nextSecond = IntStream.range(0, 1000).filter(i -> budget.take()).count();
    assertThat(nextSecond).isEqualTo(MissBudget.PER_SECOND);
    now = now.plusSeconds(60);
    assertThat(IntStream.range(0, 1000).filter(i -> budget.take()).count())
        .as("a quiet minute refills the burst, no more")
        .isEqualTo(MissBudget.BURST);
  }
}
