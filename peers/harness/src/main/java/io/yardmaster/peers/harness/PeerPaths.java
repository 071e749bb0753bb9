package io.yardmaster.peers.harness;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the real peers were laid out by the peers/livy-server, peers/spark-runtime and
 * peers/yarn-cluster modules, and where their processes keep their state. Failsafe names the peers
 * folder and a work folder in system properties ({@value #PEERS_DIR}, {@value #WORK_DIR}).
 */
public record PeerPaths(
    Path livyHome,
    Path sparkHome,
    Path sparkJars,
    Path sparkJobsJar,
    Path yarnLib,
    Path yarnClusterJar,
    Path workDir) {
  /** The repository's {@code peers} folder. */
  public static final String PEERS_DIR = "yardmaster.peers.dir";

  /** A scratch folder for the peers' configuration, logs and state, e.g. under target/. */
  public static final String WORK_DIR = "yardmaster.peers.work-dir";

  /** The job classes in {@link #sparkJobsJar()} (peers/spark-runtime). */
  public static final String PI_JOB = "io.yardmaster.peers.spark.PiJob";

  public static final String FAILING_JOB = "io.yardmaster.peers.spark.FailingJob";

  /** What {@code FailingJob} throws. */
  public static final String FAILING_JOB_MESSAGE = "yardmaster failing job: failing on purpose";

  public PeerPaths {
    requireNonNull(livyHome, "livyHome is null");
    requireNonNull(sparkHome, "sparkHome is null");
    requireNonNull(sparkJars, "sparkJars is null");
    requireNonNull(sparkJobsJar, "sparkJobsJar is null");
    requireNonNull(yarnLib, "yarnLib is null");
    requireNonNull(yarnClusterJar, "yarnClusterJar is null");
    requireNonNull(workDir, "workDir is null");
  }

  /** The layout under the peers folder; fails when a peer has not been built. */
  public static PeerPaths fromSystemProperties() {
    Path peers = folder(PEERS_DIR);
    Path spark = peers.resolve("spark-runtime/target");
    Path yarn = peers.resolve("yarn-cluster/target");
    PeerPaths paths =
        new PeerPaths(
            peers.resolve("livy-server/target/livy"),
            spark.resolve("spark-home"),
            spark.resolve("spark-jars"),
            spark.resolve("spark-jobs.jar"),
            yarn.resolve("yarn-lib"),
            yarn.resolve("yarn-cluster.jar"),
            folder(WORK_DIR));
    for (Path built :
        new Path[] {
          paths.livyHome(),
          paths.sparkHome(),
          paths.sparkJars(),
          paths.sparkJobsJar(),
          paths.yarnLib(),
          paths.yarnClusterJar()
        }) {
      if (!Files.exists(built)) {
        throw new IllegalStateException(
            built
                + " does not exist: build the peers first"
                + " (./mvnw verify -pl <module> -am builds them with the module)");
      }
    }
    return paths;
  }

  private static Path folder(String property) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "system property " + property + " is not set: run the tests through failsafe");
    }
    return Path.of(value).toAbsolutePath().normalize();
  }
}
