package io.yardmaster.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.yardmaster.jobs.submission.BreakerConfig;
import io.yardmaster.jobs.submission.LivyCircuitBreaker;
import io.yardmaster.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LivyCircuitBreakerTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T12:00:00Z"));
  private final LivyCircuitBreaker breaker =
      new LivyCircuitBreaker(clock, new BreakerConfig(3, Duration.ofSeconds(30)));

  @Test
  void opensAfterThreeFailuresInARowAndHalfOpensAfterTheCoolDown() {
    breaker.failed("alpha", "connection refused");
    breaker.failed("alpha", "connection refused");
    assertThat(breaker.open("alpha")).isEmpty();
    breaker.failed("alpha", "HTTP 503");
    assertThat(breaker.open("alpha"))
        .hasValueSatisfying(why -> assertThat(why).contains("HTTP 503"));
    assertThat(breaker.open("beta")).isEmpty();

    clock.advance(Duration.ofSeconds(31));
    assertThat(breaker.open("alpha")).as("half-open lets one through").isEmpty();
    breaker.failed("alpha", "still down");
    assertThat(breaker.open("alpha")).as("one more failure re-opens").isPresent();

    clock.advance(Duration.ofSeconds(31));
    assertThat(breaker.open("alpha")).isEmpty();
    breaker.succeeded("alpha");
    breaker.failed("alpha", "a blip");
    assertThat(breaker.open("alpha")).as("a success closed it").isEmpty();
  }
}
