package io.yardmaster.web.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code yardmaster.auth.*} as configuration binds it: defaults, values, and refusals. */
class AuthConfigBindingTest {
  @Test
  void unsetKeysKeepTheDocumentedDefaults() {
    try (ApplicationContext context = start(Map.of())) {
      AuthConfig config = context.getBean(AuthConfig.class);
      assertThat(config.maxTokenLifetime()).isNull(); // unbounded
      assertThat(config.maxActiveTokens()).isEqualTo(10_000);
    }
  }

  @Test
  void everyKeyBindsAsWritten() {
    Map<String, Object> properties =
        Map.of(
            "yardmaster.auth.max-token-lifetime", "90d", "yardmaster.auth.max-active-tokens", "50");
    try (ApplicationContext context = start(properties)) {
      assertThat(context.getBean(AuthConfig.class))
          .isEqualTo(new AuthConfig(Duration.ofDays(90), 50));
    }
  }

  @Test
  void aValueOutOfRangeStopsTheStartNamingItsKey() {
    assertRefused("yardmaster.auth.max-token-lifetime", "0s");
    assertRefused("yardmaster.auth.max-token-lifetime", "-1h");
    assertRefused("yardmaster.auth.max-active-tokens", "0");
  }

  private static void assertRefused(String key, String value) {
    assertThatThrownBy(
            () -> {
              try (ApplicationContext context = start(Map.of(key, value))) {
                context.getBean(AuthConfig.class);
              }
            })
        .as(key + "=" + value)
        .hasStackTraceContaining(key + " must be");
  }

  private static ApplicationContext start(Map<String, Object> properties) {
    return ApplicationContext.builder().deduceEnvironment(false).properties(properties).start();
  }
}
