package io.yardmaster.app.testing;

import io.yardmaster.peers.harness.YardmasterLaunch;
import io.yardmaster.peers.harness.YardmasterProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The application jar ({@code target/yardmaster.jar}, built at {@code package}) started in a small
 * JVM of its own for a test, configured by system properties, its log appended to a file.
 */
public final class AppJar {
  /** The shaded jar, relative to the module's folder (failsafe's working directory). */
  public static final Path JAR = Path.of("target", "yardmaster.jar");

  // Three JVMs share two cores here: start fast, stay small.
  private static final List<String> JVM_ARGS =
      List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private AppJar() {}

  /**
   * Starts the jar with {@code properties} as {@code -D} options on {@code port} and waits until
   * {@code /health} answers 200; the log goes to {@code log} (appended, so a restart keeps the
   * first run's lines).
   */
  public static YardmasterProcess start(
      String name, int port, Map<String, String> properties, Path log) throws IOException {
    return YardmasterProcess.start(
        new YardmasterLaunch(
            name,
            JAR,
            JVM_ARGS,
            properties,
            Map.of(),
            Path.of("").toAbsolutePath(),
            log,
            port,
            START_TIMEOUT));
  }
}
