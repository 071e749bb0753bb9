package io.yardmaster.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterRegistryTest {
  private static final String SCALE_SET =
      "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachineScaleSets/";

  static Map<String, Object> validFleet() {
    Map<String, Object> properties = new HashMap<>();
    properties.put("yardmaster.clusters.alpha.livy-url", "http://livy-alpha:8998");
    properties.put("yardmaster.clusters.alpha.resource-manager-url", "http://rm-alpha:8088");
    properties.put("yardmaster.clusters.alpha.graphite-prefix", "yarn-alpha");
    properties.put("yardmaster.clusters.alpha.graphite-queue", "root.batch");
    properties.put("yardmaster.clusters.alpha.tags", List.of("spark3", "gpu"));
    properties.put("yardmaster.clusters.alpha.max-starting-batches", 30);
    properties.put("yardmaster.node-pools.alpha-spot.cluster", "alpha");
    properties.put("yardmaster.node-pools.alpha-spot.scale-set-id", SCALE_SET + "alpha-spot");
    properties.put("yardmaster.node-pools.alpha-spot.sku-name", "Standard_E8s_v5");
    properties.put("yardmaster.node-pools.alpha-spot.vm-cores", 8);
    properties.put("yardmaster.node-pools.alpha-spot.vm-memory-mb", 65536);
    properties.put("yardmaster.node-pools.alpha-spot.node-manager-memory-mb", 57344);
    properties.put("yardmaster.node-pools.alpha-spot.priority", "spot");
    properties.put("yardmaster.node-pools.alpha-spot.max-nodes", 40);
    properties.put("yardmaster.node-pools.alpha-spot.preference", 10);
    return properties;
  }

  @Test
  void bindsClustersAndPoolsWithDefaults() {
    try (ApplicationContext context = ApplicationContext.run(validFleet())) {
      ClusterRegistry registry = context.getBean(ClusterRegistry.class);

      ClusterConfig alpha = registry.cluster("alpha").orElseThrow();
      assertThat(alpha.livyUrl()).isEqualTo(URI.create("http://livy-alpha:8998"));
      assertThat(alpha.resourceManagerUrl()).isEqualTo(URI.create("http://rm-alpha:8088"));
      assertThat(alpha.graphitePrefix()).isEqualTo("yarn-alpha");
      assertThat(alpha.graphiteQueue()).isEqualTo("root.batch");
      assertThat(alpha.tags()).containsExactly("spark3", "gpu");
      assertThat(alpha.sparkVersion()).isEqualTo("3.5");
      assertThat(alpha.maxStartingBatches()).isEqualTo(30);
      assertThat(alpha.maxRunningJobs()).isEqualTo(1000);

      NodePoolConfig pool = registry.poolsOf("alpha").get(0);
      assertThat(pool.name()).isEqualTo("alpha-spot");
      assertThat(pool.priority()).isEqualTo(Priority.SPOT);
      assertThat(pool.sku()).isEqualTo(new Sku("Standard_E8s_v5", 8, 65536, 8, 57344));
      assertThat(pool.minNodes()).isZero();
      assertThat(pool.maxNodes()).isEqualTo(40);
      assertThat(pool.spareNodes()).isZero();
    }
  }

  @Test
  void missingLivyUrlNamesTheKey() {
    Map<String, Object> properties = validFleet();
    properties.remove("yardmaster.clusters.alpha.livy-url");
    assertStartupFails(properties, "yardmaster.clusters.alpha.livy-url is required");
  }

  @Test
  void poolOfUnknownClusterNamesTheKey() {
    Map<String, Object> properties = validFleet();
    properties.put("yardmaster.node-pools.alpha-spot.cluster", "beta");
    assertStartupFails(properties, "yardmaster.node-pools.alpha-spot.cluster names 'beta'");
  }

  @Test
  void badPriorityNamesTheKey() {
    Map<String, Object> properties = validFleet();
    properties.put("yardmaster.node-pools.alpha-spot.priority", "cheap");
    assertStartupFails(properties, "priority must be 'on-demand' or 'spot', got 'cheap'");
  }

  @Test
  void minAboveMaxNamesTheKey() {
    Map<String, Object> properties = validFleet();
    properties.put("yardmaster.node-pools.alpha-spot.min-nodes", 50);
    assertStartupFails(properties, "yardmaster.node-pools.alpha-spot.max-nodes (40) is below");
  }

  @Test
  void sparesAboveMaxNameTheKey() {
    Map<String, Object> properties = validFleet();
    properties.put("yardmaster.node-pools.alpha-spot.spare-nodes", 41);
    assertStartupFails(
        properties, "yardmaster.node-pools.alpha-spot.spare-nodes (41) is above max-nodes (40)");
  }

  @Test
  void startingCapAboveLivysLimitIsRefused() {
    Map<String, Object> properties = validFleet();
    properties.put("yardmaster.clusters.alpha.max-starting-batches", 101);
    assertStartupFails(properties, "yardmaster.clusters.alpha.max-starting-batches must be <= 100");
  }

  @Test
  void nonHttpUrlIsRefused() {
    Map<String, Object> properties = validFleet();
    properties.put("yardmaster.clusters.alpha.resource-manager-url", "ftp://rm");
    assertStartupFails(
        properties, "yardmaster.clusters.alpha.resource-manager-url must be an absolute http(s)");
  }

  private static void assertStartupFails(Map<String, Object> properties, String message) {
    assertThatThrownBy(
            () -> {
              try (ApplicationContext context = ApplicationContext.run(properties)) {
                context.getBean(ClusterRegistry.class);
              }
            })
        .hasStackTraceContaining(message);
  }
}
