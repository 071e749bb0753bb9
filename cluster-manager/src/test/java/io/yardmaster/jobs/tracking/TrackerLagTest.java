package io.yardmaster.jobs.tracking;

import static io.yardmaster.testing.StoredJobs.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.yardmaster.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The tracker's lag: the age of the last completed pass, only where the lease is held. */
class TrackerLagTest {
  private final MutableClock clock = new MutableClock(T0);
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final TrackerLag lag = new TrackerLag(clock, meters);

  @Test
  void theLagIsTheAgeOfTheLastCompletedPassAndGrowsWhilePassesFail() {
    lag.holding("alpha", T0);
    clock.advance(Duration.ofSeconds(5));
    assertThat(gauge("alpha")).as("no pass completed since the lease was taken").isEqualTo(5.0);

    lag.holding("alpha", clock.instant());
    lag.tracked("alpha", clock.instant());
    clock.advance(Duration.ofSeconds(2));
    assertThat(gauge("alpha")).isEqualTo(2.0);

    // The next passes fail or hang: nothing completes, the lag keeps growing.
    lag.holding("alpha", clock.instant());
    clock.advance(Duration.ofSeconds(90));
    assertThat(gauge("alpha")).isEqualTo(92.0);
  }

  @Test
  void aReplicaWithoutTheLeaseReportsNothingAndStartsAfreshWhenItTakesItBack() {
    assertThat(lag.seconds("beta")).isNaN();
    assertThat(meters.find("yardmaster.tracker.lag.seconds").gauges()).isEmpty();

    lag.holding("beta", T0);
    lag.tracked("beta", T0);
    lag.released("beta");
    clock.advance(Duration.ofMinutes(10));
    assertThat(gauge("beta")).isNaN();

    lag.holding("beta", clock.instant());
    clock.advance(Duration.ofSeconds(1));
    assertThat(gauge("beta")).isEqualTo(1.0);
    assertThat(meters.find("yardmaster.tracker.lag.seconds").gauges()).hasSize(1);
  }

  private double gauge(String cluster) {
    return meters.get("yardmaster.tracker.lag.seconds").tag("cluster", cluster).gauge().value();
  }
}
