package io.yardmaster.core.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PeerConfigTest {
  @Test
  void bindsEveryTimeout() {
    try (ApplicationContext context =
        ApplicationContext.run(
            Map.of(
                "yardmaster.peers.connect-timeout", "1s",
                "yardmaster.peers.read-timeout", "2s",
                "yardmaster.peers.write-timeout", "3s",
                "yardmaster.peers.probe-timeout", "500ms"))) {
      PeerConfig config = context.getBean(PeerConfig.class);
      assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(1));
      assertThat(config.readTimeout()).isEqualTo(Duration.ofSeconds(2));
      assertThat(config.writeTimeout()).isEqualTo(Duration.ofSeconds(3));
      assertThat(config.probeTimeout()).isEqualTo(Duration.ofMillis(500));
      assertThat(context.getBean(PeerClient.class).config()).isEqualTo(config);
    }
  }

  @Test
  void defaultsWhenUnset() {
    try (ApplicationContext context = ApplicationContext.run()) {
      assertThat(context.getBean(PeerConfig.class)).isEqualTo(PeerConfig.defaults());
      assertThat(PeerConfig.defaults().readTimeout()).isEqualTo(Duration.ofSeconds(10));
      assertThat(PeerConfig.defaults().writeTimeout()).isEqualTo(Duration.ofSeconds(30));
    }
  }

  @Test
  void aTimeoutThatIsNotPositiveNamesItsKey() {
    assertThatThrownBy(
            () -> {
              try (ApplicationContext context =
                  ApplicationContext.run(Map.of("yardmaster.peers.read-timeout", "0s"))) {
                context.getBean(PeerConfig.class);
              }
            })
        .hasStackTraceContaining("yardmaster.peers.read-timeout must be positive");
  }
}
