package io.yardmaster.autoscaler.loop;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.yardmaster.autoscaler.AutoscalerConfig;
import io.yardmaster.autoscaler.demand.DemandSource;
import io.yardmaster.autoscaler.nodepool.NodePool;
import io.yardmaster.autoscaler.policy.ScalingPolicy;
import io.yardmaster.autoscaler.store.AutoscalerStore;
import io.yardmaster.autoscaler.yarn.NodeDecommissioner;
import io.yardmaster.autoscaler.yarn.NodeManagerApps;
import io.yardmaster.autoscaler.yarn.ResourceManager;
import io.yardmaster.core.registry.ClusterConfig;
import io.yardmaster.core.registry.ClusterRegistry;
import io.yardmaster.simulator.SimulatedFleet;
import io.yardmaster.simulator.emulator.arm.ArmFaults;
import io.yardmaster.simulator.emulator.arm.ArmOperations;
import io.yardmaster.simulator.model.SimulatedCluster;
import io.yardmaster.simulator.model.SimulatedScaleSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The simulated fleet (RM and ARM emulators) in an embedded server, and an autoscaler context that
 * reaches it over HTTP: the real Azure SDK for the scale set, the RM REST API, the simulator's RM
 * admin endpoint, and an in-memory H2 database migrated by Flyway.
 */
public final class SimulatedFleetFixture implements AutoCloseable {
  public static final String CLUSTER = "spark1";
  public static final String POOL = "batch";
  public static final String SCALE_SET_ID =
      "/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg-yardmaster"
          + "/providers/Microsoft.Compute/virtualMachineScaleSets/vmss-batch";

  private final EmbeddedServer server;
  private final EmbeddedServer autoscalerServer;
  private final ApplicationContext autoscaler;
  private final Map<String, Object> clientSettings;
  private final int clusters;

  /** What every {@link #loop} of this fleet counted. */
  public final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  /**
   * @param initialNodes VMs at start
   * @param bootTime the simulated VMs' median boot time
   * @param settings extra autoscaler settings ({@code yardmaster.autoscaler.*}, ARM throttle,
   *     {@code yardmaster.node-pools.*}: more pools of the cluster get their own simulated scale
   *     set)
   */
  public SimulatedFleetFixture(int initialNodes, Duration bootTime, Map<String, Object> settings) {
    this(1, initialNodes, bootTime, settings);
  }

  /**
   * A fleet of {@code clusters} clusters, each with one pool: cluster 1 is {@link #CLUSTER} with
   * {@link #POOL}, cluster i is {@link #clusterName(int)} with {@link #poolName(int)}.
   */
  public SimulatedFleetFixture(
      int clusters, int initialNodes, Duration bootTime, Map<String, Object> settings) {
    this.clusters = clusters;
    Map<String, Object> simulator = fleet("http://localhost:1");
    simulator.put("micronaut.server.port", -1);
    simulator.put("yardmaster.simulator.enabled", true);
    // This process plays the peers only; the autoscaler under test runs in its own context.
    simulator.put("yardmaster.roles.autoscaler", false);
    simulator.put("yardmaster.simulator.initial-nodes", initialNodes);
    simulator.put("yardmaster.simulator.boot-time-median", bootTime.toMillis() + "ms");
    simulator.put("yardmaster.simulator.boot-time-sigma", 0);
    simulator.put("yardmaster.simulator.arm.operation-duration", "50ms");
    settings.forEach(
        (key, value) -> {
          if (key.startsWith("yardmaster.simulator.") || key.startsWith("yardmaster.node-pools.")) {
            simulator.put(key, value);
          }
        });
    this.server = ApplicationContext.run(EmbeddedServer.class, simulator);

    Map<String, Object> client = fleet(server.getURL().toString());
    client.put("yardmaster.simulator.enabled", false);
    // The simulator's RM admin endpoint stands in for the RM admin protocol of a real cluster.
    client.put("yardmaster.autoscaler.decommissioner", "simulator");
    client.put("yardmaster.azure.endpoint", server.getURL() + "/sim/arm/");
    client.put("yardmaster.azure.response-timeout", "2s");
    client.put("yardmaster.azure.max-retries", 1);
    client.put("yardmaster.azure.retry-delay", "20ms");
    client.put(
        "datasources.default.url",
        "jdbc:h2:mem:"
            + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
    client.put("datasources.default.username", "sa");
    client.put("datasources.default.password", "");
    client.put("flyway.datasources.default.enabled", true);
    client.put("micronaut.server.port", -1);
    // As app/src/main/resources/application.yml: empty lists are answered, as the document says.
    client.put("micronaut.serde.serialization.inclusion", "always");
    client.put("yardmaster.autoscaler.scheduler-enabled", false);
    settings.forEach(
        (key, value) -> {
          if (!key.startsWith("yardmaster.simulator.")) {
            client.put(key, value);
          }
        });
    this.clientSettings = Map.copyOf(client);
    this.autoscalerServer = ApplicationContext.run(EmbeddedServer.class, client);
    this.autoscaler = autoscalerServer.getApplicationContext();
  }

  private Map<String, Object> fleet(String base) {
    Map<String, Object> fleet = new HashMap<>();
    for (int i = 1; i <= clusters; i++) {
      String cluster = clusterName(i);
      String pool = poolName(i);
      fleet.put("yardmaster.clusters." + cluster + ".livy-url", base + "/sim/" + cluster + "/livy");
      fleet.put(
          "yardmaster.clusters." + cluster + ".resource-manager-url",
          base + "/sim/" + cluster + "/rm");
      fleet.put("yardmaster.node-pools." + pool + ".cluster", cluster);
      fleet.put("yardmaster.node-pools." + pool + ".scale-set-id", scaleSetId(i));
      fleet.put("yardmaster.node-pools." + pool + ".sku-name", "Standard_D8s_v5");
      fleet.put("yardmaster.node-pools." + pool + ".vm-cores", 8);
      fleet.put("yardmaster.node-pools." + pool + ".vm-memory-mb", 32768);
      fleet.put("yardmaster.node-pools." + pool + ".min-nodes", 1);
      fleet.put("yardmaster.node-pools." + pool + ".max-nodes", 20);
    }
    return fleet;
  }

  /** Cluster {@code i} of the fleet, counted from 1. */
  public static String clusterName(int i) {
    return i == 1 ? CLUSTER : "spark" + i;
  }

  /** The pool of cluster {@code i}. */
  public static String poolName(int i) {
    return i == 1 ? POOL : POOL + i;
  }

  /** The scale set of cluster {@code i}'s pool. */
  public static String scaleSetId(int i) {
    return i == 1 ? SCALE_SET_ID : SCALE_SET_ID + i;
  }

  /**
   * Another autoscaler instance on the same fleet, with these settings over the fixture's own (the
   * caller closes it).
   */
  public EmbeddedServer startAutoscaler(Map<String, Object> overrides) {
    Map<String, Object> settings = new HashMap<>(clientSettings);
    settings.putAll(overrides);
    return ApplicationContext.run(EmbeddedServer.class, settings);
  }

  /** A loop over every pool with this policy; each call is a fresh instance (a restart). */
  public AutoscalerLoop loop(ScalingPolicy policy) {
    return new AutoscalerLoop(
        autoscaler.getBean(ClusterRegistry.class),
        List.copyOf(autoscaler.getBeansOfType(NodePool.class)),
        autoscaler.getBean(ResourceManager.class),
        autoscaler.getBean(NodeManagerApps.class),
        autoscaler.getBean(DemandSource.class),
        autoscaler.getBean(NodeDecommissioner.class),
        policy,
        store(),
        autoscaler.getBean(AutoscalerConfig.class),
        "test-" + UUID.randomUUID(),
        meters);
  }

  public AutoscalerStore store() {
    return autoscaler.getBean(AutoscalerStore.class);
  }

  ClusterConfig cluster() {
    return autoscaler.getBean(ClusterRegistry.class).cluster(CLUSTER).orElseThrow();
  }

  public ApplicationContext autoscalerContext() {
    return autoscaler;
  }

  /** The autoscaler's own HTTP server (its API). */
  public java.net.URL autoscalerUrl() {
    return autoscalerServer.getURL();
  }

  SimulatedFleet simulated() {
    return server.getApplicationContext().getBean(SimulatedFleet.class);
  }

  SimulatedCluster rm() {
    return rm(CLUSTER);
  }

  public SimulatedCluster rm(String cluster) {
    return simulated().fleet().cluster(cluster).orElseThrow();
  }

  public SimulatedScaleSet scaleSet() {
    return scaleSet(SCALE_SET_ID);
  }

  public SimulatedScaleSet scaleSet(String scaleSetId) {
    return simulated().fleet().scaleSet(scaleSetId).orElseThrow();
  }

  /** The writes the ARM emulator has accepted for the scale set: capacity changes and deletes. */
  public long armWrites(String scaleSetId) {
    return server.getApplicationContext().getBean(ArmOperations.class).writes(scaleSetId);
  }

  ArmFaults armFaults() {
    return server.getApplicationContext().getBean(ArmFaults.class);
  }

  /** The simulation's time: what the VMs' creation times are measured in. */
  public Instant now() {
    return simulated().fleet().now();
  }

  /** Fast-forwards the simulation (VM boots, app progress, ARM's write budget). */
  public void skip(Duration duration) {
    simulated().clock().skip(duration);
  }

  @Override
  public void close() {
    autoscalerServer.close();
    server.close();
  }
}
