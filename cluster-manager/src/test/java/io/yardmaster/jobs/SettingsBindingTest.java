package io.yardmaster.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.yardmaster.core.Roles;
import io.yardmaster.health.HealthConfig;
import io.yardmaster.jobs.submission.BreakerConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The job loops', breaker's and probes' settings as configuration binds them. */
class SettingsBindingTest {
  @Test
  void unsetKeysKeepTheDocumentedDefaults() {
    try (ApplicationContext context = start(Map.of())) {
      assertThat(context.getBean(JobsConfig.class))
          .isEqualTo(
              new JobsConfig(
                  Duration.ofMillis(500),
                  Duration.ofSeconds(2),
                  Duration.ofSeconds(45),
                  Duration.ofMinutes(5),
                  Duration.ofSeconds(30)));
      assertThat(context.getBean(BreakerConfig.class))
          .isEqualTo(new BreakerConfig(3, Duration.ofSeconds(30)));
      assertThat(context.getBean(HealthConfig.class))
          .isEqualTo(new HealthConfig(Duration.ofSeconds(10), Duration.ofSeconds(2)));
    }
  }

  @Test
  void everyKeyBindsAsWrittenInConfiguration() {
    Map<String, Object> properties =
        Map.of(
            "yardmaster.jobs.submit-interval", "250ms",
            "yardmaster.jobs.track-interval", "3s",
            "yardmaster.jobs.submit-lease", "1m",
            "yardmaster.jobs.start-grace", "10m",
            "yardmaster.jobs.kill-grace", "45s",
            "yardmaster.jobs.breaker.threshold", "5",
            "yardmaster.jobs.breaker.cool-down", "2m",
            "yardmaster.health.interval", "20s",
            "yardmaster.health.initial-delay", "1s");
    try (ApplicationContext context = start(properties)) {
      JobsConfig jobs = context.getBean(JobsConfig.class);
      assertThat(jobs.submitInterval()).isEqualTo(Duration.ofMillis(250));
      assertThat(jobs.trackInterval()).isEqualTo(Duration.ofSeconds(3));
      assertThat(jobs.submitLease()).isEqualTo(Duration.ofMinutes(1));
      assertThat(jobs.startGrace()).isEqualTo(Duration.ofMinutes(10));
      assertThat(jobs.killGrace()).isEqualTo(Duration.ofSeconds(45));
      assertThat(context.getBean(BreakerConfig.class))
          .isEqualTo(new BreakerConfig(5, Duration.ofMinutes(2)));
      assertThat(context.getBean(HealthConfig.class))
          .isEqualTo(new HealthConfig(Duration.ofSeconds(20), Duration.ofSeconds(1)));
    }
  }

  @Test
  void aValueOutOfRangeStopsTheStartNamingItsKey() {
    assertRefused(Map.of("yardmaster.jobs.track-interval", "0s"), "yardmaster.jobs.track-interval");
    assertRefused(Map.of("yardmaster.jobs.kill-grace", "-5s"), "yardmaster.jobs.kill-grace");
    assertRefused(
        Map.of("yardmaster.jobs.breaker.threshold", "0"), "yardmaster.jobs.breaker.threshold");
    // The probes' schedule reads yardmaster.health.interval before any bean binds it.
    assertThatThrownBy(() -> new HealthConfig(Duration.ZERO, null))
        .hasMessageContaining("yardmaster.health.interval must be positive");
  }

  /**
   * A context with only {@code properties}, not the test environment's configuration, and without
   * the loops (which need a database) so that only the settings are bound.
   */
  private static ApplicationContext start(Map<String, Object> properties) {
    Map<String, Object> all = new HashMap<>(properties);
    all.put(Roles.API, "false");
    all.put(Roles.AUTOSCALER, "false");
    return ApplicationContext.builder().deduceEnvironment(false).properties(all).start();
  }

  private static void assertRefused(Map<String, Object> properties, String key) {
    assertThatThrownBy(
            () -> {
              try (ApplicationContext context = start(properties)) {
                context.getBean(JobsConfig.class);
                context.getBean(BreakerConfig.class);
              }
            })
        .hasStackTraceContaining(key + " must be");
  }
}
