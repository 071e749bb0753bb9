package io.yardmaster.bench.api;

import io.yardmaster.peers.harness.YardmasterProcess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The two processes of one benchmark run, from the same application jar and fleet file: the
 * simulated fleet (every Yardmaster role off, its own health probes off so that the Livy traffic
 * counted is Yardmaster's alone) and Yardmaster (simulator off, autoscaler and cost roles off),
 * which talks to the simulated Livy and RM over HTTP as to real ones. Each has its own H2 database.
 */
final class BenchStack implements AutoCloseable {
  static final String FLEET = "status-reads-fleet.yml";
  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

  private final JvmProcess simulator;
  private final JvmProcess yardmaster;
  private final String adminToken;

  private BenchStack(JvmProcess simulator, JvmProcess yardmaster, String adminToken) {
    this.simulator = simulator;
    this.yardmaster = yardmaster;
    this.adminToken = adminToken;
  }

  static BenchStack start(BenchOptions options, Path runDir)
      throws IOException, InterruptedException {
    JvmProcess.deleteQuietly(runDir);
    Files.createDirectories(runDir);
    Path fleet = runDir.resolve(FLEET);
    try (InputStream in = BenchStack.class.getResourceAsStream(FLEET)) {
      if (in == null) {
        throw new IllegalStateException(FLEET + " is not on the classpath");
      }
      Files.copy(in, fleet, StandardCopyOption.REPLACE_EXISTING);
    }
    int simulatorPort = YardmasterProcess.freePort();
    int yardmasterPort = YardmasterProcess.freePort();
    Map<String, String> environment =
        Map.of("MICRONAUT_CONFIG_FILES", fleet.toAbsolutePath().toString());
    Map<String, String> simulatorProperties = common(simulatorPort, simulatorPort, runDir, "sim");
    simulatorProperties.put("micronaut.environments", "local");
    simulatorProperties.put("yardmaster.roles.api", "false");
    simulatorProperties.put("yardmaster.health.interval", "1h");
    JvmProcess simulator =
        JvmProcess.start(
            "simulator",
            options.jar(),
            List.of("-Xmx2g", "-XX:+UseParallelGC"),
            simulatorProperties,
            environment,
            runDir,
            simulatorPort,
            START_TIMEOUT);
    try {
      Map<String, String> properties = common(simulatorPort, yardmasterPort, runDir, "yardmaster");
      properties.put("yardmaster.simulator.enabled", "false");
      List<String> jvmArgs =
          new ArrayList<>(List.of("-Xms" + options.heap(), "-Xmx" + options.heap()));
      jvmArgs.addAll(options.serverJvmArgs());
      JvmProcess yardmaster =
          JvmProcess.start(
              "yardmaster",
              options.jar(),
              jvmArgs,
              properties,
              environment,
              runDir,
              yardmasterPort,
              START_TIMEOUT);
      String token =
          Files.readString(runDir.resolve("yardmaster-data/admin-token"), StandardCharsets.UTF_8)
              .trim();
      return new BenchStack(simulator, yardmaster, token);
    } catch (IOException | RuntimeException e) {
      simulator.close();
      throw e;
    }
  }

  private static Map<String, String> common(int simulatorPort, int port, Path runDir, String name) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("bench.simulator-port", Integer.toString(simulatorPort));
    properties.put("micronaut.server.port", Integer.toString(port));
    properties.put(
        "yardmaster.data-dir", runDir.resolve(name + "-data").toAbsolutePath().toString());
    properties.put("yardmaster.roles.autoscaler", "false");
    return properties;
  }

  JvmProcess simulator() {
    return simulator;
  }

  JvmProcess yardmaster() {
    return yardmaster;
  }

  String adminToken() {
    return adminToken;
  }

  @Override
  public void close() {
    yardmaster.close();
    simulator.close();
  }
}
