package io.yardmaster.autoscaler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.yardmaster.autoscaler.policy.ScalingPolicy;
import io.yardmaster.autoscaler.policy.YardmasterPolicyConfig;
import io.yardmaster.autoscaler.policy.YardmasterScalingPolicy;
import io.yardmaster.core.registry.InvalidConfigurationException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AutoscalerConfigTest {

  @Test
  void bindsEverySetting() {
    try (ApplicationContext context =
        ApplicationContext.run(
            Map.ofEntries(
                Map.entry("yardmaster.simulator.enabled", false),
                Map.entry("yardmaster.autoscaler.tick", "15s"),
                Map.entry("yardmaster.autoscaler.max-provisioning-time", "12m"),
                Map.entry("yardmaster.autoscaler.backoff-base", "1m"),
                Map.entry("yardmaster.autoscaler.backoff-max", "5m"),
                Map.entry("yardmaster.autoscaler.removal-hosts-file", "/tmp/{cluster}.hosts"),
                Map.entry("yardmaster.autoscaler.decommissioner", "YARN-ADMIN"),
                Map.entry("yardmaster.autoscaler.instance-id", "node-a"),
                Map.entry("yardmaster.autoscaler.scheduler-enabled", false),
                Map.entry("yardmaster.autoscaler.operation-timeout", "45m"),
                Map.entry("yardmaster.autoscaler.scheduler-threads", 24)))) {
      AutoscalerConfig config = context.getBean(AutoscalerConfig.class);
      assertThat(config.tick()).isEqualTo(Duration.ofSeconds(15));
      assertThat(config.maxProvisioningTime()).isEqualTo(Duration.ofMinutes(12));
      assertThat(config.removalHostsFile()).isEqualTo("/tmp/{cluster}.hosts");
      assertThat(config.decommissioner()).isEqualTo(AutoscalerConfig.YARN_ADMIN);
      assertThat(config.instanceId()).isEqualTo("node-a");
      assertThat(config.schedulerEnabled()).isFalse();
      assertThat(config.operationTimeout()).isEqualTo(Duration.ofMinutes(45));
      assertThat(config.schedulerThreads()).isEqualTo(24);
      assertThat(config.backoff(0)).isEqualTo(Duration.ofMinutes(1));
      assertThat(config.backoff(2)).isEqualTo(Duration.ofMinutes(4));
      assertThat(config.backoff(40)).isEqualTo(Duration.ofMinutes(5));
    }
  }

  @Test
  void bindsThePolicysOperatingPoint() {
    try (ApplicationContext context =
        ApplicationContext.run(
            Map.of(
                "yardmaster.simulator.enabled", false,
                "yardmaster.autoscaler.policy.idle-grace", "90s",
                "yardmaster.autoscaler.policy.executor-share", "0.2"))) {
      ScalingPolicy policy = context.getBean(ScalingPolicy.class);
      assertThat(policy).isInstanceOf(YardmasterScalingPolicy.class);
      YardmasterPolicyConfig config = ((YardmasterScalingPolicy) policy).config();
      assertThat(config.idleGrace()).isEqualTo(Duration.ofSeconds(90));
      assertThat(config.executorShare()).isEqualTo(0.2);
      assertThat(config.scaleInDelayAfterGrow())
          .isEqualTo(YardmasterPolicyConfig.DEFAULTS.scaleInDelayAfterGrow());
    }
    assertThat(new PolicyProperties(null, null, null, null).policy())
        .isEqualTo(YardmasterPolicyConfig.DEFAULTS);
    assertThatThrownBy(() -> new PolicyProperties(null, null, null, 1.5).policy())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage("yardmaster.autoscaler.policy.executor-share must be in (0, 1]");
    assertThatThrownBy(
            () -> new PolicyProperties(Duration.ofSeconds(-1), null, null, null).policy())
        .hasMessageContaining("policy.idle-grace must not be negative");
  }

  @Test
  void defaultsAndBadValues() {
    AutoscalerConfig defaults = AutoscalerConfig.defaults();
    assertThat(defaults.tick()).isEqualTo(Duration.ofSeconds(30));
    assertThat(defaults.decommissioner()).isEqualTo(AutoscalerConfig.YARN_ADMIN);
    assertThat(defaults.schedulerEnabled()).isTrue();
    assertThat(defaults.instanceId()).isNotBlank();
    assertThatThrownBy(
            () ->
                new AutoscalerConfig(
                    null, null, null, null, null, null, "kubectl", null, null, null, null, null))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("yardmaster.autoscaler.decommissioner");
    assertThatThrownBy(
            () ->
                new AutoscalerConfig(
                    Duration.ZERO,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("yardmaster.autoscaler.tick");
    assertThat(defaults.operationTimeout()).isEqualTo(Duration.ofMinutes(30));
    assertThat(defaults.schedulerThreads()).isEqualTo(10);
    assertThatThrownBy(
            () ->
                new AutoscalerConfig(
                    null, null, null, null, null, null, null, null, null, null, null, 0))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("yardmaster.autoscaler.scheduler-threads");
  }
}
