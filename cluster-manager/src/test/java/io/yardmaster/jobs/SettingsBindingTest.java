package io.yardmaster.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.yardmaster.core.Roles;
import io.yardmaster.health.HealthConfig;
import io.yardmaster.jobs.policy.ConfPolicyConfig;
import io.yardmaster.jobs.submission.BreakerConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The job loops', breaker's, probes' and conf policies' settings as configuration binds them. */
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
  void theProbesSchedulesHaveTheRecordsDefaults() {
    try (ApplicationContext context = start(Map.of())) {
      HealthConfig bound = context.getBean(HealthConfig.class);
      assertThat(scheduled(context, HealthConfig.INTERVAL)).isEqualTo(bound.interval());
      assertThat(scheduled(context, HealthConfig.INITIAL_DELAY)).isEqualTo(bound.initialDelay());
    }
    try (ApplicationContext context =
        start(
            Map.of("yardmaster.health.interval", "7s", "yardmaster.health.initial-delay", "3s"))) {
      assertThat(scheduled(context, HealthConfig.INTERVAL)).isEqualTo(Duration.ofSeconds(7));
      assertThat(scheduled(context, HealthConfig.INITIAL_DELAY)).isEqualTo(Duration.ofSeconds(3));
    }
  }

  @Test
  void confPoliciesBindPerClusterWithSparksKeysAsWritten() {
    Map<String, Object> properties =
        Map.of(
            "yardmaster.conf-policies.default.denied-keys",
            "spark.executor.extraJavaOptions,spark.foo.*",
            "yardmaster.conf-policies.alpha.mode",
            "allow-list",
            "yardmaster.conf-policies.alpha.allowed-keys",
            List.of("spark.sql.*", "spark.executor.memoryOverhead"),
            "yardmaster.conf-policies.alpha.exempted-keys",
            List.of("spark.jars.packages"),
            "yardmaster.conf-policies.alpha.allowed-file-prefixes",
            List.of("abfss://", "local:"),
            "yardmaster.clusters.alpha.livy-url",
            "http://livy:8998",
            "yardmaster.clusters.alpha.resource-manager-url",
            "http://rm:8088");
    try (ApplicationContext context = start(properties)) {
      ConfPolicyConfig defaults =
          context.getBean(ConfPolicyConfig.class, Qualifiers.byName(ConfPolicyConfig.DEFAULT));
      assertThat(defaults.deniedKeys())
          .containsExactly("spark.executor.extraJavaOptions", "spark.foo.*");
      assertThat(defaults.mode()).isNull();
      ConfPolicyConfig alpha = context.getBean(ConfPolicyConfig.class, Qualifiers.byName("alpha"));
      assertThat(alpha)
          .isEqualTo(
              new ConfPolicyConfig(
                  "alpha",
                  "allow-list",
                  null,
                  List.of("spark.sql.*", "spark.executor.memoryOverhead"),
                  List.of("spark.jars.packages"),
                  List.of("abfss://", "local:")));
    }
    Map<String, Object> unknownMode = new HashMap<>(properties);
    unknownMode.put("yardmaster.conf-policies.alpha.mode", "maybe");
    assertThatThrownBy(() -> start(unknownMode).close())
        .hasStackTraceContaining(
            "yardmaster.conf-policies.alpha.mode must be deny-list or allow-list");
    Map<String, Object> noSuchCluster = new HashMap<>(properties);
    noSuchCluster.put("yardmaster.conf-policies.gamma.mode", "allow-list");
    assertThatThrownBy(() -> start(noSuchCluster).close())
        .hasStackTraceContaining("yardmaster.conf-policies.gamma names no cluster");
  }

  /** What a schedule's placeholder resolves to, converted as {@code @Scheduled} converts it. */
  private static Duration scheduled(ApplicationContext context, String placeholder) {
    String value =
        context.getEnvironment().getPlaceholderResolver().resolveRequiredPlaceholders(placeholder);
    return context.getConversionService().convertRequired(value, Duration.class);
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
