package io.yardmaster.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.yardmaster.core.Roles;
import io.yardmaster.cost.attribution.AttributionConfig;
import io.yardmaster.cost.attribution.AttributionModel;
import io.yardmaster.cost.collect.CollectConfig;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cost module's settings ({@code yardmaster.cost.*}) as configuration binds them: the
 * documented defaults, every key as written, the schedules agreeing with the records, and a value
 * out of range stopping the start with its key named.
 */
class CostSettingsBindingTest {
  @Test
  void unsetKeysKeepTheDocumentedDefaults() {
    try (ApplicationContext context = start(Map.of())) {
      assertThat(context.getBean(AttributionConfig.class)).isEqualTo(AttributionConfig.DEFAULTS);
      AttributionConfig attribution = context.getBean(AttributionConfig.class);
      assertThat(attribution.interval()).isEqualTo(Duration.ofMinutes(1));
      assertThat(attribution.batch()).isEqualTo(500);
      assertThat(attribution.cpuShare()).isEqualByComparingTo("0.52");
      assertThat(attribution.model()).isEqualTo(AttributionModel.DEFAULTS);
      assertThat(attribution.retryAfter()).isEqualTo(Duration.ofMinutes(5));
      CollectConfig collect = context.getBean(CollectConfig.class);
      assertThat(collect).isEqualTo(CollectConfig.defaults());
      assertThat(scheduled(context, CollectConfig.INTERVAL)).isEqualTo(collect.interval());
      assertThat(scheduled(context, CollectConfig.VM_INTERVAL)).isEqualTo(collect.vmInterval());
      assertThat(scheduled(context, CollectConfig.INITIAL_DELAY)).isEqualTo(Duration.ofSeconds(5));
    }
  }

  @Test
  void everyKeyBindsAsWrittenInConfiguration() {
    Map<String, Object> properties = new HashMap<>();
    properties.put("yardmaster.cost.attribution.interval", "30s");
    properties.put("yardmaster.cost.attribution.batch", "50");
    properties.put("yardmaster.cost.attribution.cpu-share", "0.6");
    properties.put("yardmaster.cost.attribution.grow-window", "5m");
    properties.put("yardmaster.cost.attribution.drain-window", "0s");
    properties.put("yardmaster.cost.attribution.retry-after", "1m");
    properties.put("yardmaster.cost.collect.interval", "2m");
    properties.put("yardmaster.cost.collect.overlap", "0s");
    properties.put("yardmaster.cost.collect.vm-interval", "20s");
    properties.put("yardmaster.cost.collect.initial-delay", "1s");
    try (ApplicationContext context = start(properties)) {
      AttributionConfig attribution = context.getBean(AttributionConfig.class);
      assertThat(attribution)
          .isEqualTo(
              new AttributionConfig(
                  Duration.ofSeconds(30),
                  50,
                  new BigDecimal("0.6"),
                  Duration.ofMinutes(5),
                  Duration.ZERO,
                  Duration.ofMinutes(1)));
      assertThat(attribution.model().cpuSharePpm()).isEqualTo(600_000);
      assertThat(context.getBean(CollectConfig.class))
          .isEqualTo(
              new CollectConfig(Duration.ofMinutes(2), Duration.ZERO, Duration.ofSeconds(20)));
      assertThat(scheduled(context, CollectConfig.INTERVAL)).isEqualTo(Duration.ofMinutes(2));
      assertThat(scheduled(context, CollectConfig.INITIAL_DELAY)).isEqualTo(Duration.ofSeconds(1));
    }
  }

  @Test
  void aValueOutOfRangeStopsTheStartNamingItsKey() {
    assertRefused("yardmaster.cost.attribution.cpu-share", "1.5", "cpu-share must be a decimal");
    assertRefused("yardmaster.cost.attribution.cpu-share", "0.1234567", "cpu-share must be");
    assertRefused("yardmaster.cost.attribution.batch", "0", "batch must be in [1, 100000]");
    assertRefused("yardmaster.cost.attribution.interval", "0s", "interval must be positive");
    assertRefused("yardmaster.cost.attribution.drain-window", "-1m", "drain-window must not be");
    assertRefused("yardmaster.cost.collect.interval", "2h", "interval must be at most 1h");
    assertRefused("yardmaster.cost.collect.overlap", "-1s", "overlap must not be negative");
    assertRefused("yardmaster.cost.collect.vm-interval", "0s", "vm-interval must be positive");
  }

  private static void assertRefused(String key, String value, String message) {
    assertThatThrownBy(
            () -> {
              try (ApplicationContext context = start(Map.of(key, value))) {
                context.getBean(AttributionConfig.class);
                context.getBean(CollectConfig.class);
              }
            })
        .as(key + "=" + value)
        .hasStackTraceContaining(key.substring(0, key.lastIndexOf('.') + 1) + message);
  }

  /** What a schedule's placeholder resolves to, converted as {@code @Scheduled} converts it. */
  private static Duration scheduled(ApplicationContext context, String placeholder) {
    String value =
        context.getEnvironment().getPlaceholderResolver().resolveRequiredPlaceholders(placeholder);
    return context.getConversionService().convertRequired(value, Duration.class);
  }

  /** Only {@code properties}, no environment's files, and no role that needs a database. */
  private static ApplicationContext start(Map<String, Object> properties) {
    Map<String, Object> all = new HashMap<>(properties);
    all.put(Roles.API, "false");
    all.put(Roles.AUTOSCALER, "false");
    all.put(Roles.COST, "false");
    return ApplicationContext.builder().deduceEnvironment(false).properties(all).start();
  }
}
