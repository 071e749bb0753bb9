package io.yardmaster.core.graphite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphiteConfigTest {
  @Test
  void bindsUrlAndPeriod() {
    try (ApplicationContext context =
        ApplicationContext.run(
            Map.of(
                "yardmaster.graphite.url", "http://graphite:8080",
                "yardmaster.graphite.sink-period", "2s"))) {
      GraphiteConfig config = context.getBean(GraphiteConfig.class);
      assertThat(config.url()).isEqualTo(URI.create("http://graphite:8080"));
      assertThat(config.sinkPeriod()).isEqualTo(Duration.ofSeconds(2));
      assertThat(config.configured()).isTrue();
    }
  }

  @Test
  void absentUrlMeansNoGraphite() {
    try (ApplicationContext context = ApplicationContext.run()) {
      GraphiteConfig config = context.getBean(GraphiteConfig.class);
      assertThat(config.configured()).isFalse();
      assertThat(config.sinkPeriod()).isEqualTo(Duration.ofSeconds(10));
    }
  }

  @Test
  void badUrlNamesTheKey() {
    assertThatThrownBy(
            () -> {
              try (ApplicationContext context =
                  ApplicationContext.run(Map.of("yardmaster.graphite.url", "graphite:8080"))) {
                context.getBean(GraphiteConfig.class);
              }
            })
        .hasStackTraceContaining("yardmaster.graphite.url must be an absolute http(s) URL");
  }
}
