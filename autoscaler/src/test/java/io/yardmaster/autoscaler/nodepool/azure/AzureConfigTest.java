package io.yardmaster.autoscaler.nodepool.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.BeanInstantiationException;
import io.yardmaster.core.registry.InvalidConfigurationException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AzureConfigTest {

  @Test
  void bindsProductionSettings() {
    Map<String, Object> properties = new HashMap<>();
    properties.put("yardmaster.simulator.enabled", false);
    properties.put("yardmaster.azure.tenant-id", "tenant-1");
    properties.put("yardmaster.azure.client-id", "client-1");
    properties.put("yardmaster.azure.client-secret", "s3cr3t-value");
    properties.put("yardmaster.azure.response-timeout", "2m");
    properties.put("yardmaster.azure.max-retries", 4);
    try (ApplicationContext context = ApplicationContext.run(properties)) {
      AzureConfig config = context.getBean(AzureConfig.class);

      assertThat(config.endpoint()).isEqualTo(URI.create("https://management.azure.com/"));
      assertThat(config.tenantId()).isEqualTo("tenant-1");
      assertThat(config.clientId()).isEqualTo("client-1");
      assertThat(config.authenticated()).isTrue();
      assertThat(config.responseTimeout()).isEqualTo(Duration.ofMinutes(2));
      assertThat(config.retryDelay()).isEqualTo(Duration.ofSeconds(1));
      assertThat(config.maxRetries()).isEqualTo(4);
      assertThat(config.toString()).doesNotContain("s3cr3t-value").contains("clientSecret=****");
    }
  }

  @Test
  void theSimulatorNeedsNoCredentials() {
    AzureConfig config =
        new AzureConfig(
            URI.create("http://localhost:8080/sim/arm"), null, null, null, null, null, null);

    assertThat(config.endpoint()).isEqualTo(URI.create("http://localhost:8080/sim/arm/"));
    assertThat(config.authenticated()).isFalse();
  }

  @Test
  void realAzureWithoutASecretFailsAtStartNamingTheKey() {
    try (ApplicationContext context =
        ApplicationContext.run(
            Map.of(
                "yardmaster.simulator.enabled", false,
                "yardmaster.azure.tenant-id", "tenant-1",
                "yardmaster.azure.client-id", "client-1"))) {
      assertThatThrownBy(() -> context.getBean(AzureConfig.class))
          .isInstanceOf(BeanInstantiationException.class)
          .hasRootCauseInstanceOf(InvalidConfigurationException.class)
          .rootCause()
          .hasMessageContaining("yardmaster.azure.client-secret");
    }
  }

  @Test
  void credentialsAreNeverSentOverPlainHttp() {
    assertThatThrownBy(
            () ->
                new AzureConfig(
                    URI.create("http://arm.example/"), "t", "c", "secret", null, null, null))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("https only")
        .hasMessageNotContaining("secret");
  }

  @Test
  void rejectsANonPositiveTimeout() {
    assertThatThrownBy(
            () ->
                new AzureConfig(
                    URI.create("http://localhost/"), null, null, null, Duration.ZERO, null, null))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("yardmaster.azure.response-timeout");
  }
}
