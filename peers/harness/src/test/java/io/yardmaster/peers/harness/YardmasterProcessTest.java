package io.yardmaster.peers.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YardmasterProcessTest {
  @TempDir Path dir;

  @Test
  void aMissingJarIsNamedAndNothingStarts() {
    YardmasterLaunch launch = launch(dir.resolve("absent.jar"), Map.of());

    assertThatThrownBy(() -> YardmasterProcess.start(launch))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("absent.jar is missing");
    assertThat(launch.log()).doesNotExist();
  }

  @Test
  void aJvmThatExitsWhileStartingFailsAtOnceWithItsLogsLastLines() throws Exception {
    Path notAJar =
        Files.writeString(dir.resolve("broken.jar"), "not a jar", StandardCharsets.UTF_8);
    YardmasterLaunch launch = launch(notAJar, Map.of("yardmaster.data-dir", "data"));

    long started = System.nanoTime();
    assertThatThrownBy(() -> YardmasterProcess.start(launch))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("broken exited with 1 while starting")
        .hasMessageContaining("Invalid or corrupt jarfile");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
    List<String> log = Files.readAllLines(launch.log(), StandardCharsets.UTF_8);
    assertThat(log.get(0))
        .startsWith("=== broken: ")
        .contains("-Dmicronaut.server.port=" + launch.port(), "-Dyardmaster.data-dir=data");
  }

  @Test
  void aPortPropertyThatDisagreesWithThePortIsRefused() {
    assertThatThrownBy(() -> launch(dir.resolve("y.jar"), Map.of("micronaut.server.port", "1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("micronaut.server.port is 1");
  }

  private YardmasterLaunch launch(Path jar, Map<String, String> properties) {
    return new YardmasterLaunch(
        "broken",
        jar,
        List.of("-Xmx64m"),
        properties,
        Map.of(),
        dir,
        dir.resolve("logs/broken.log"),
        YardmasterProcess.freePort(),
        Duration.ofMinutes(1));
  }
}
