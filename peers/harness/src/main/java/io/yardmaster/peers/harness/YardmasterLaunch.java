package io.yardmaster.peers.harness;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How to start one Yardmaster JVM: {@code java <jvmArgs> -D<properties> -jar <jar>} in {@code
 * workDir} with {@code environment} added, listening on {@code port} (passed as {@code
 * micronaut.server.port}), its output appended to {@code log}, healthy within {@code startTimeout}.
 *
 * @param name what the process is called in its log and in errors
 * @param workDir the working directory; relative paths in properties resolve against it
 */
public record YardmasterLaunch(
    String name,
    Path jar,
    List<String> jvmArgs,
    Map<String, String> properties,
    Map<String, String> environment,
    Path workDir,
    Path log,
    int port,
    Duration startTimeout) {
  public static final String PORT_PROPERTY = "micronaut.server.port";

  public YardmasterLaunch {
    requireNonNull(name, "name is null");
    requireNonNull(jar, "jar is null");
    jvmArgs = List.copyOf(jvmArgs);
    properties = Map.copyOf(properties);
    environment = Map.copyOf(environment);
    requireNonNull(workDir, "workDir is null");
    requireNonNull(log, "log is null");
    requireNonNull(startTimeout, "startTimeout is null");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1..65535, got " + port);
    }
    String portProperty = properties.get(PORT_PROPERTY);
    if (portProperty != null && !portProperty.equals(Integer.toString(port))) {
      throw new IllegalArgumentException(
          PORT_PROPERTY + " is " + portProperty + " but the port is " + port);
    }
    if (startTimeout.isNegative() || startTimeout.isZero()) {
      throw new IllegalArgumentException("startTimeout must be positive, got " + startTimeout);
    }
  }
}
