package io.yardmaster.simulator.contract;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the real peers were laid out by the peers/livy-server and peers/spark-runtime modules;
 * failsafe passes the folders as system properties (see simulator/pom.xml).
 */
record PeerPaths(
    Path livyHome,
    Path sparkHome,
    Path sparkJars,
    Path sparkJobsJar,
    Path yarnLib,
    Path yarnClusterJar,
    Path workDir) {
  PeerPaths {
    requireNonNull(livyHome, "livyHome is null");
    requireNonNull(sparkHome, "sparkHome is null");
    requireNonNull(sparkJars, "sparkJars is null");
    requireNonNull(sparkJobsJar, "sparkJobsJar is null");
    requireNonNull(yarnLib, "yarnLib is null");
    requireNonNull(yarnClusterJar, "yarnClusterJar is null");
    requireNonNull(workDir, "workDir is null");
  }

  static PeerPaths fromSystemProperties() {
    PeerPaths paths =
        new PeerPaths(
            folder("yardmaster.peers.livy-home"),
            folder("yardmaster.peers.spark-home"),
            folder("yardmaster.peers.spark-jars"),
            folder("yardmaster.peers.spark-jobs-jar"),
            folder("yardmaster.peers.yarn-lib"),
            folder("yardmaster.peers.yarn-cluster-jar"),
            folder("yardmaster.peers.work-dir"));
    for (Path built :
        new Path[] {
          paths.livyHome(), paths.sparkHome(), paths.sparkJobsJar(), paths.yarnClusterJar()
        }) {
      if (!Files.exists(built)) {
        throw new IllegalStateException(
            built + " does not exist: build the peers first (./mvnw verify -pl simulator -am)");
      }
    }
    return paths;
  }

  private static Path folder(String property) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "system property " + property + " is not set: run the contract tests through failsafe");
    }
    return Path.of(value).toAbsolutePath().normalize();
  }
}
