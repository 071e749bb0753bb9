package io.yardmaster.autoscaler.yarn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.yardmaster.autoscaler.TestClusters;
import io.yardmaster.autoscaler.TestPeers;
import io.yardmaster.autoscaler.demand.DemandReading;
import io.yardmaster.autoscaler.metrics.graphite.GraphiteDemandSource;
import io.yardmaster.core.graphite.GraphiteConfig;
import io.yardmaster.core.registry.ClusterConfig;
import io.yardmaster.peers.harness.PeerPaths;
import io.yardmaster.peers.harness.YarnClusterProcess;
import io.yardmaster.peers.harness.YarnClusterSpec;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.api.records.NodeReport;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The Hadoop files an operator copies (infra/hadoop, docs/operations.md) on a real ResourceManager,
 * used in place: {@code yarn-site-resourcemanager.xml} as the RM's {@code yarn-site.xml}, {@code
 * capacity-scheduler.xml} and {@code hadoop-metrics2.properties} in its configuration folder, the
 * placement jar on its classpath, the variables the files name in its environment; {@code
 * nodemanager-custom-data.sh} writes the on-demand NodeManager's {@code yarn-site.xml}. Checked:
 * the packing policy runs with the files' settings, the NodeManager reports the on-demand
 * partition, the GraphiteSink writes the paths the autoscaler reads, and the exclude file the
 * autoscaler writes decommissions a node.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorHadoopFilesIT {
  private static final Path HADOOP = Path.of("../infra/hadoop");
  private static final String ON_DEMAND = "127.0.0.2";
  private static final String SPOT = "127.0.0.3";

  private static Path shared;
  private static Path nodeManagerConf;
  private static String prefix;
  private static String graphiteUrl;
  private static YarnClusterProcess yarn;
  private static ClusterConfig cluster;

  @BeforeAll
  static void startYarnFromTheOperatorFiles() throws Exception {
    PeerPaths paths = PeerPaths.fromSystemProperties();
    Path home = paths.workDir().resolve("operator-files");
    shared = home.resolve("shared");
    Files.createDirectories(shared);
    // As the operations guide says: both files exist, empty, before the RM starts.
    Files.writeString(shared.resolve("yarn.exclude"), "");
    Files.writeString(shared.resolve("removal-hosts"), "");
    nodeManagerConf = home.resolve("nodemanager-conf");
    runNodeManagerScript(nodeManagerConf);

    graphiteUrl = requiredEnv("YM_TEST_GRAPHITE_URL");
    prefix = "ymops" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    Map<String, String> yarnEnv =
        Map.of(
            "YARDMASTER_SHARED_DIR",
            shared.toAbsolutePath().toString(),
            "YARDMASTER_CLUSTER",
            prefix,
            "YARDMASTER_CARBON_HOST",
            "127.0.0.1",
            "YARDMASTER_CARBON_PORT",
            requiredEnv("YM_TEST_CARBON_PORT"),
            "YARDMASTER_METRICS_PERIOD",
            "2");
    yarn =
        YarnClusterProcess.start(
            paths,
            "operator-files-yarn",
            YarnClusterSpec.nodeManagersOn(List.of(ON_DEMAND, SPOT))
                .withNodeLabels(
                    new YarnClusterSpec.NodeLabels(
                        nodeManagerConf.resolve("yarn-site.xml"),
                        "ondemand(exclusive=false)",
                        List.of(ON_DEMAND)))
                .withOperatorFiles(
                    new YarnClusterSpec.OperatorFiles(
                        Map.of(
                            "yarn-site.xml", HADOOP.resolve("yarn-site-resourcemanager.xml"),
                            "capacity-scheduler.xml", HADOOP.resolve("capacity-scheduler.xml"),
                            "hadoop-metrics2.properties",
                                HADOOP.resolve("hadoop-metrics2.properties")),
                        List.of(Path.of(System.getProperty("yardmaster.placement.jar"))),
                        yarnEnv)));
    cluster =
        TestClusters.withGraphite(
            "c1", URI.create("http://127.0.0.1:1/livy"), yarn.webUri(), prefix, "root");
  }

  @AfterAll
  static void stopYarn() {
    if (yarn != null) {
      yarn.close();
    }
  }

  /** The custom data as cloud-init runs it, without starting a NodeManager of its own. */
  private static void runNodeManagerScript(Path confDir) throws IOException, InterruptedException {
    ProcessBuilder script =
        new ProcessBuilder("bash", HADOOP.resolve("nodemanager-custom-data.sh").toString())
            .redirectErrorStream(true);
    script.environment().put("HADOOP_CONF_DIR", confDir.toAbsolutePath().toString());
    script.environment().put("YARDMASTER_START_NODEMANAGER", "false");
    script.environment().put("YARDMASTER_RM_HOST", "127.0.0.1");
    script.environment().put("YARDMASTER_NODE_PARTITION", "ondemand");
    script.environment().put("YARDMASTER_NM_VCORES", "4");
    script.environment().put("YARDMASTER_NM_MEMORY_MB", "4096");
    Process process = script.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
  }

  private static String requiredEnv(String name) {
    String value = System.getenv(name);
    if (value == null) {
      throw new IllegalStateException(name + " is not set: run the tests with test.sh");
    }
    return value;
  }

  private static YarnClient yarnClient() {
    YarnConfiguration conf = new YarnConfiguration();
    conf.addResource(
        new org.apache.hadoop.fs.Path(yarn.hadoopConfDir().resolve("yarn-site.xml").toUri()));
    YarnClient client = YarnClient.createYarnClient();
    client.init(conf);
    client.start();
    return client;
  }

  @Test
  @Order(1)
  void thePackingPolicyRunsWithTheFilesSettings() throws IOException {
    // Logged by the policy's constructor: the class came from the jar, the removal hosts file from
    // capacity-scheduler.xml with the shared folder of the RM's environment.
    String log = Files.readString(yarn.log(), StandardCharsets.UTF_8);
    assertThat(log)
        .contains(
            "Packing multi-node lookup policy, PlacementSettings{removalHostsFile="
                + shared.toAbsolutePath().resolve("removal-hosts")
                + ", removalHostsRefreshMillis=10000}");
  }

  @Test
  @Order(2)
  void theStartupScriptsNodeManagerJoinsWithTheOnDemandPartition() throws Exception {
    Configuration written = new Configuration(false);
    written.addResource(
        new org.apache.hadoop.fs.Path(nodeManagerConf.resolve("yarn-site.xml").toUri()));
    assertThat(written.get("yarn.resourcemanager.hostname")).isEqualTo("127.0.0.1");
    assertThat(written.getInt("yarn.nodemanager.resource.memory-mb", 0)).isEqualTo(4096);

    try (YarnClient client = yarnClient()) {
      assertThat(client.getClusterNodeLabels())
          .anySatisfy(
              label -> {
                assertThat(label.getName()).isEqualTo("ondemand");
                assertThat(label.isExclusive()).isFalse();
              });
      Map<String, Set<String>> labels =
          await("both NodeManagers report their partitions")
              .atMost(Duration.ofSeconds(30))
              .until(
                  () ->
                      client.getNodeReports().stream()
                          .collect(
                              Collectors.toMap(
                                  report -> report.getNodeId().getHost(),
                                  NodeReport::getNodeLabels)),
                  byHost -> byHost.getOrDefault(ON_DEMAND, Set.of()).contains("ondemand"));
      assertThat(labels).containsEntry(ON_DEMAND, Set.of("ondemand")).containsEntry(SPOT, Set.of());
    }
  }

  @Test
  @Order(3)
  void theGraphiteSinkWritesThePathsTheAutoscalerReads() {
    GraphiteDemandSource source =
        new GraphiteDemandSource(
            new GraphiteConfig(URI.create(graphiteUrl), Duration.ofSeconds(10)),
            TestPeers.client());
    DemandReading reading =
        await("the RM's sink reaches Graphite under the cluster's prefix")
            .atMost(Duration.ofSeconds(60))
            .until(() -> source.read(cluster, Instant.now()), r -> !r.demand().stale());
    assertThat(reading.demand().pendingMemoryMb()).as(reading.note()).isZero();
  }

  @Test
  @Order(4)
  void theExcludeFileTheAutoscalerWritesDecommissionsANode() {
    YarnAdminNodeDecommissioner decommissioner =
        new YarnAdminNodeDecommissioner(
            List.of(
                new YarnAdminTarget(
                    "c1",
                    shared.resolve("yarn.exclude"),
                    yarn.hadoopConfDir(),
                    Duration.ofMinutes(5))));
    decommissioner.decommission(cluster, Set.of(SPOT));
    RestResourceManager resourceManager = TestPeers.resourceManager();
    await("the empty node decommissioned through the RM's exclude path")
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                resourceManager.nodes(cluster).stream()
                    .filter(node -> node.hostName().equals(SPOT))
                    .map(YarnNode::state)
                    .toList(),
            states -> states.contains("DECOMMISSIONED"));
    assertThat(
            resourceManager.nodes(cluster).stream()
                .filter(node -> node.hostName().equals(ON_DEMAND))
                .map(YarnNode::state))
        .containsOnly("RUNNING");
  }
}
