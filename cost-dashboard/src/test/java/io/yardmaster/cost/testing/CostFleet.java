package io.yardmaster.cost.testing;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.yardmaster.simulator.SimulatedFleet;
import io.yardmaster.simulator.model.ApplicationSpec;
import io.yardmaster.simulator.model.Fleet;
import io.yardmaster.simulator.model.Resources;
import io.yardmaster.simulator.model.SimulatedApplication;
import io.yardmaster.simulator.model.SimulatedCluster;
import io.yardmaster.simulator.traffic.PeerTraffic;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulated fleet (RM and ARM emulators) in an embedded server, and a cost context on a
 * database that reaches it over HTTP as production reaches the real peers: the RM's REST API and
 * the Azure SDK (the autoscaler module's clients) for the scale set.
 */
public final class CostFleet implements AutoCloseable {
  public static final String CLUSTER = "alpha";
  public static final String POOL = "alpha-od";
  public static final String SCALE_SET_ID =
      "/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg-cost"
          + "/providers/Microsoft.Compute/virtualMachineScaleSets/alpha-od";

  private final EmbeddedServer server;
  private final ApplicationContext cost;

  public CostFleet(Map<String, Object> database, int maxCompletedApplications) {
    this(database, maxCompletedApplications, Map.of());
  }

  public CostFleet(
      Map<String, Object> database, int maxCompletedApplications, Map<String, Object> extra) {
    Map<String, Object> simulator = fleet("http://localhost:1");
    simulator.put("micronaut.server.port", -1);
    simulator.put("yardmaster.simulator.enabled", true);
    simulator.put("yardmaster.roles.autoscaler", false);
    simulator.put("yardmaster.roles.cost", false);
    simulator.put("yardmaster.simulator.speed-up", 1.0);
    simulator.put("yardmaster.simulator.initial-nodes", 2);
    simulator.put("yardmaster.simulator.boot-time-median", "10s");
    simulator.put("yardmaster.simulator.boot-time-sigma", 0);
    simulator.put("yardmaster.simulator.arm.operation-duration", "50ms");
    simulator.put("yardmaster.simulator.max-completed-applications", maxCompletedApplications);
    extra.forEach(
        (key, value) -> {
          if (key.startsWith("yardmaster.simulator.")) {
            simulator.put(key, value);
          }
        });
    this.server = ApplicationContext.run(EmbeddedServer.class, simulator);

    Map<String, Object> client = fleet(server.getURL().toString());
    client.put("yardmaster.azure.endpoint", server.getURL() + "/sim/arm/");
    client.put("yardmaster.azure.response-timeout", "2s");
    client.put("yardmaster.azure.max-retries", 0);
    extra.forEach(
        (key, value) -> {
          if (!key.startsWith("yardmaster.simulator.")) {
            client.put(key, value);
          }
        });
    this.cost = CostDatabases.start(database, client);
  }

  private static Map<String, Object> fleet(String base) {
    Map<String, Object> fleet = new HashMap<>();
    fleet.put("yardmaster.clusters.alpha.livy-url", base + "/sim/alpha/livy");
    fleet.put("yardmaster.clusters.alpha.resource-manager-url", base + "/sim/alpha/rm");
    fleet.put("yardmaster.node-pools.alpha-od.cluster", CLUSTER);
    fleet.put("yardmaster.node-pools.alpha-od.scale-set-id", SCALE_SET_ID);
    fleet.put("yardmaster.node-pools.alpha-od.sku-name", "Standard_E8s_v5");
    fleet.put("yardmaster.node-pools.alpha-od.vm-cores", 8);
    fleet.put("yardmaster.node-pools.alpha-od.vm-memory-mb", 65536);
    fleet.put("yardmaster.node-pools.alpha-od.node-manager-memory-mb", 57344);
    fleet.put("yardmaster.node-pools.alpha-od.max-nodes", 10);
    return fleet;
  }

  /** The cost side's context: its beans, on the test's database. */
  public ApplicationContext cost() {
    return cost;
  }

  public <T> T bean(Class<T> type) {
    return cost.getBean(type);
  }

  public Fleet fleet() {
    return server.getApplicationContext().getBean(SimulatedFleet.class).fleet();
  }

  public SimulatedCluster cluster() {
    return fleet().cluster(CLUSTER).orElseThrow();
  }

  /** The simulated time, what collection reads. */
  public Clock clock() {
    return new FleetClock(fleet());
  }

  public void skip(Duration duration) {
    server.getApplicationContext().getBean(SimulatedFleet.class).clock().skip(duration);
  }

  /** An app of {@code executors} 1-vcore 2 GB executors, running {@code duration}. */
  public SimulatedApplication submit(
      String user, String queue, List<String> tags, int executors, Duration duration) {
    return cluster()
        .submit(
            new ApplicationSpec(
                "app",
                user,
                queue,
                tags,
                new Resources(1024, 1),
                new Resources(2048, 1),
                executors,
                duration,
                null));
  }

  /** The requests the RM emulator answered so far. */
  public long rmRequests() {
    PeerTraffic traffic = server.getApplicationContext().getBean(PeerTraffic.class);
    return traffic
        .snapshot()
        .getOrDefault(CLUSTER, Map.of())
        .getOrDefault("rm", Map.of())
        .values()
        .stream()
        .mapToLong(Long::longValue)
        .sum();
  }

  @Override
  public void close() {
    cost.close();
    server.close();
  }
}
