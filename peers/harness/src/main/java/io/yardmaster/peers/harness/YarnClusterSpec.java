package io.yardmaster.peers.harness;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@link YarnClusterProcess} runs.
 *
 * @param nodeManagers how many NodeManagers
 * @param nodeManagerHosts empty: every NodeManager is {@code localhost} (MiniYARNCluster's own);
 *     else one loopback address per NodeManager (e.g. {@code 127.0.0.2}), its node id's host, so
 *     that the ResourceManager can tell them apart by host name (exclude lists are by host)
 * @param excludeFile the ResourceManager's {@code yarn.resourcemanager.nodes.exclude-path}, also in
 *     a {@code yarn-site.xml} on its classpath, where {@code refreshNodes} reads it again
 * @param graphiteSink the ResourceManager's Hadoop metrics go to a carbon line receiver
 * @param nodeLabels a node partition, its configuration and the NodeManagers that report it
 * @param operatorFiles an operator's own configuration files, jars and environment for the YARN
 *     process (infra/hadoop), used in place
 */
public record YarnClusterSpec(
    int nodeManagers,
    List<String> nodeManagerHosts,
    Optional<Path> excludeFile,
    Optional<GraphiteSink> graphiteSink,
    Optional<NodeLabels> nodeLabels,
    Optional<OperatorFiles> operatorFiles) {
  public YarnClusterSpec {
    requireNonNull(operatorFiles, "operatorFiles is null");
    if (excludeFile.isPresent()
        && operatorFiles.isPresent()
        && operatorFiles.get().classpathFiles().containsKey("yarn-site.xml")) {
      throw new IllegalArgumentException("an exclude file and an operator's yarn-site.xml");
    }
    if (graphiteSink.isPresent()
        && operatorFiles.isPresent()
        && operatorFiles.get().classpathFiles().containsKey("hadoop-metrics2.properties")) {
      throw new IllegalArgumentException("a Graphite sink and an operator's metrics file");
    }
    requireNonNull(nodeLabels, "nodeLabels is null");
    nodeManagerHosts = List.copyOf(requireNonNull(nodeManagerHosts, "nodeManagerHosts is null"));
    requireNonNull(excludeFile, "excludeFile is null");
    requireNonNull(graphiteSink, "graphiteSink is null");
    if (nodeManagers < 1) {
      throw new IllegalArgumentException("at least one NodeManager, got " + nodeManagers);
    }
    if (!nodeManagerHosts.isEmpty() && nodeManagerHosts.size() != nodeManagers) {
      throw new IllegalArgumentException(
          nodeManagers + " NodeManagers but hosts " + nodeManagerHosts);
    }
  }

  /** {@code count} NodeManagers on {@code localhost}, no exclude file, no metrics sink. */
  public static YarnClusterSpec nodeManagers(int count) {
    return new YarnClusterSpec(
        count, List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** One NodeManager per loopback address, each a host of its own for the ResourceManager. */
  public static YarnClusterSpec nodeManagersOn(List<String> loopbackAddresses) {
    return new YarnClusterSpec(
        loopbackAddresses.size(),
        loopbackAddresses,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  public YarnClusterSpec withExcludeFile(Path file) {
    return new YarnClusterSpec(
        nodeManagers, nodeManagerHosts, Optional.of(file), graphiteSink, nodeLabels, operatorFiles);
  }

  public YarnClusterSpec withGraphiteSink(GraphiteSink sink) {
    return new YarnClusterSpec(
        nodeManagers, nodeManagerHosts, excludeFile, Optional.of(sink), nodeLabels, operatorFiles);
  }

  /** With a node partition; its hosts must be among the loopback NodeManager hosts. */
  public YarnClusterSpec withNodeLabels(NodeLabels labels) {
    if (!nodeManagerHosts.containsAll(labels.hosts())) {
      throw new IllegalArgumentException(
          "labelled hosts " + labels.hosts() + " are not among " + nodeManagerHosts);
    }
    return new YarnClusterSpec(
        nodeManagers,
        nodeManagerHosts,
        excludeFile,
        graphiteSink,
        Optional.of(labels),
        operatorFiles);
  }

  /** With an operator's configuration files, jars and environment. */
  public YarnClusterSpec withOperatorFiles(OperatorFiles files) {
    return new YarnClusterSpec(
        nodeManagers, nodeManagerHosts, excludeFile, graphiteSink, nodeLabels, Optional.of(files));
  }

  /**
   * What an operator installs on a ResourceManager host, used in place rather than copied, so a
   * test runs the very files the operator copies.
   *
   * @param classpathFiles files the YARN process finds on its classpath under these names (linked,
   *     not copied), as a ResourceManager reads its configuration folder: e.g. {@code
   *     yarn-site.xml} to the operator's RM fragment, {@code capacity-scheduler.xml}, {@code
   *     hadoop-metrics2.properties}
   * @param jars jars on the ResourceManager's classpath (a scheduler plugin)
   * @param environment variables of the YARN process, as {@code yarn-env.sh} would export them
   */
  public record OperatorFiles(
      Map<String, Path> classpathFiles, List<Path> jars, Map<String, String> environment) {
    public OperatorFiles {
      classpathFiles = Map.copyOf(classpathFiles);
      jars = List.copyOf(jars);
      environment = Map.copyOf(environment);
      for (String name : classpathFiles.keySet()) {
        if (name.contains("/") || name.startsWith(".")) {
          throw new IllegalArgumentException("not a plain file name: " + name);
        }
      }
    }
  }

  /**
   * A node partition as an operator sets it up (infra/yarn/am-on-demand-node-labels.xml).
   *
   * @param configuration a Hadoop configuration file: its {@code yarn.nodemanager.node-labels.*}
   *     properties go to the labelled NodeManagers only, every other one to the ResourceManager and
   *     its CapacityScheduler (an HDFS label store is replaced by a local folder)
   * @param clusterLabel the label as {@code yarn rmadmin -addToClusterNodeLabels} takes it, e.g.
   *     {@code ondemand(exclusive=false)}; added before the NodeManagers register
   * @param hosts the NodeManagers that report the partition
   */
  public record NodeLabels(Path configuration, String clusterLabel, List<String> hosts) {
    public NodeLabels {
      requireNonNull(configuration, "configuration is null");
      requireNonNull(clusterLabel, "clusterLabel is null");
      hosts = List.copyOf(hosts);
    }
  }

  /**
   * Hadoop's {@code org.apache.hadoop.metrics2.sink.GraphiteSink} on the ResourceManager.
   *
   * @param prefix the sink's {@code metrics_prefix}, the first level of every path
   * @param period how often the metrics system pushes
   */
  public record GraphiteSink(String host, int port, String prefix, Duration period) {
    public GraphiteSink {
      requireNonNull(host, "host is null");
      requireNonNull(prefix, "prefix is null");
      requireNonNull(period, "period is null");
      if (period.toSeconds() < 1) {
        throw new IllegalArgumentException("period is whole seconds, got " + period);
      }
    }
  }
}
