package io.yardmaster.simulator.emulator.arm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenBucketTest {
  private static final long START = 1_800_000_000_000L;
  private static final long SECOND = 1000;

  @Test
  void aFullBucketAllowsTheBurstThenSaysWhenTheNextTokenComes() {
    TokenBucket bucket = new TokenBucket(12, 4, START);

    for (int write = 1; write <= 12; write++) {
      assertThat(bucket.tryTake(START)).as("write %d", write).isZero();
    }

    assertThat(bucket.tryTake(START)).isEqualTo(15 * SECOND);
    assertThat(bucket.remaining(START)).isZero();
  }

  @Test
  void refillsFourTokensAMinute() {
    TokenBucket bucket = new TokenBucket(12, 4, START);
    for (int write = 1; write <= 12; write++) {
      bucket.tryTake(START);
    }

    assertThat(bucket.tryTake(START + 10 * SECOND)).isEqualTo(5 * SECOND);
    assertThat(bucket.tryTake(START + 15 * SECOND)).isZero();
    assertThat(bucket.tryTake(START + 15 * SECOND)).isEqualTo(15 * SECOND);
    assertThat(bucket.remaining(START + 75 * SECOND)).isEqualTo(4);
  }

  @Test
  void neverHoldsMoreThanTheBurst() {
    TokenBucket bucket = new TokenBucket(12, 4, START);
    bucket.tryTake(START);

    assertThat(bucket.remaining(START + 3_600 * SECOND)).isEqualTo(12);
  }

  @Test
  void aClockGoingBackwardsAddsNothing() {
    TokenBucket bucket = new TokenBucket(2, 4, START);
    bucket.tryTake(START);
    bucket.tryTake(START);

    assertThat(bucket.tryTake(START - 60 * SECOND)).isEqualTo(15 * SECOND);
  }

  @Test
  void rejectsAnEmptyBucket() {
    assertThatThrownBy(() -> new TokenBucket(0, 4, START))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
