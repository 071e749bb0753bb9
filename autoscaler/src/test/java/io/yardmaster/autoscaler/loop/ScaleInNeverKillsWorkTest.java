package io.yardmaster.autoscaler.loop;

import static org.assertj.core.api.Assertions.assertThat;

import io.yardmaster.autoscaler.AutoscalerConfig;
import io.yardmaster.autoscaler.TestClusters;
import io.yardmaster.autoscaler.policy.NodeView;
import io.yardmaster.autoscaler.policy.PoolSnapshot;
import io.yardmaster.autoscaler.policy.ScalingDecision;
import io.yardmaster.autoscaler.policy.ScalingPolicy;
import io.yardmaster.core.registry.ClusterConfig;
import io.yardmaster.core.registry.ClusterRegistry;
import io.yardmaster.core.registry.NodePoolConfig;
import io.yardmaster.core.registry.Priority;
import io.yardmaster.simulator.model.ApplicationSpec;
import io.yardmaster.simulator.model.BootTimeModel;
import io.yardmaster.simulator.model.ContainerKind;
import io.yardmaster.simulator.model.Fleet;
import io.yardmaster.simulator.model.Resources;
import io.yardmaster.simulator.model.SimulatedApplication;
import io.yardmaster.simulator.model.SimulatedCluster;
import io.yardmaster.simulator.model.SimulatedContainer;
import io.yardmaster.simulator.model.SimulatedScaleSet;
import io.yardmaster.simulator.model.VirtualClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Property: across random workloads and seeds, the loop never deletes a VM whose NodeManager runs a
 * container or hosts a running application (executors exit early now and then, as with Spark's
 * dynamic allocation, leaving the application and its shuffle data on the node), even with a policy
 * that names busy nodes for removal and with the picture a few simulated seconds old by the time
 * the loop acts (containers land on "free" nodes meanwhile). Two hours of random arrivals, then an
 * hour of draining, so that every run also scales in.
 */
class ScaleInNeverKillsWorkTest {
  private static final String ARM_ID =
      "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachineScaleSets/vm";
  private static final Duration TICK = Duration.ofSeconds(30);

  /** Grows on pending memory; otherwise asks to remove a random half of all nodes, busy or not. */
  private static ScalingPolicy reckless(Random random) {
    return new ScalingPolicy() {
      @Override
      public String name() {
        return "reckless";
      }

      @Override
      public ScalingDecision decide(PoolSnapshot snapshot, Instant now) {
        long pending = snapshot.demand().pendingMemoryMb();
        if (pending > 0 && snapshot.bootingVms() == 0) {
          int more = (int) (pending / snapshot.sku().nodeManagerMemoryMb()) + 1;
          return ScalingDecision.grow(snapshot.capacity() + more, "pending");
        }
        List<String> victims = new ArrayList<>();
        for (NodeView node : snapshot.nodes()) {
          if (random.nextBoolean()) {
            victims.add(node.nodeId());
          }
        }
        return victims.isEmpty()
            ? ScalingDecision.hold(snapshot.capacity(), "nothing picked")
            : ScalingDecision.shrink(snapshot.capacity(), victims, "random pick");
      }
    };
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233})
  void scaleInNeverRemovesANodeWithARunningContainer(long seed) {
    Random random = new Random(seed);
    NodePoolConfig poolConfig =
        new NodePoolConfig(
            "pool", "c1", ARM_ID, "Standard_D8s_v5", 8, 32768, null, null, null, 0, 30, null, 0);
    ClusterConfig clusterConfig =
        TestClusters.cluster(
            "c1", URI.create("http://localhost:1/livy"), URI.create("http://localhost:1/rm"));
    Fleet fleet =
        Fleet.builder(new VirtualClock(0), seed)
            .bootTime(new BootTimeModel(Duration.ofSeconds(90 + random.nextInt(120)), 0.3))
            .cluster("c1")
            .pool("pool", "c1", ARM_ID, poolConfig.sku(), Priority.ON_DEMAND, 2 + random.nextInt(4))
            .build();
    SimulatedCluster cluster = fleet.cluster("c1").orElseThrow();
    SimulatedScaleSet scaleSet = fleet.scaleSet(ARM_ID).orElseThrow();
    ModelEdges edges = new ModelEdges(fleet.simulation(), cluster, scaleSet, random);
    AutoscalerLoop loop =
        new AutoscalerLoop(
            new ClusterRegistry(List.of(clusterConfig), List.of(poolConfig)),
            List.of(edges.nodePool()),
            edges.resourceManager(),
            edges.nodeManagerApps(),
            edges.demandSource(),
            edges.decommissioner(),
            reckless(random),
            H2Stores.fresh(),
            AutoscalerConfig.defaults(),
            "property",
            null);

    long busyUntil = Duration.ofHours(2).toMillis();
    long end = Duration.ofHours(3).toMillis();
    while (fleet.simulation().now() < end) {
      if (fleet.simulation().now() < busyUntil) {
        submitRandomWork(cluster, random);
        releaseRandomExecutor(cluster, random);
      }
      loop.runOnce("pool", edges.now());
      fleet.simulation().runUntil(fleet.simulation().now() + TICK.toMillis());
    }

    assertThat(edges.violations()).isEmpty();
    assertThat(edges.deleted()).as("the run must exercise scale-in").isPositive();
  }

  /**
   * Now and then an executor exits before its application ends (Spark's dynamic allocation): its
   * node keeps hosting the running application, and the shuffle data, with no container.
   */
  private static void releaseRandomExecutor(SimulatedCluster cluster, Random random) {
    if (random.nextInt(10) >= 3) {
      return;
    }
    List<SimulatedContainer> executors = new ArrayList<>();
    for (SimulatedApplication application : cluster.applications()) {
      for (SimulatedContainer container : application.containers()) {
        if (container.kind() == ContainerKind.EXECUTOR) {
          executors.add(container);
        }
      }
    }
    if (!executors.isEmpty()) {
      cluster.releaseExecutor(executors.get(random.nextInt(executors.size())).id());
    }
  }

  private static void submitRandomWork(SimulatedCluster cluster, Random random) {
    int apps = random.nextInt(10) < 3 ? 1 + random.nextInt(3) : 0;
    for (int i = 0; i < apps; i++) {
      int executorGb = 1 + random.nextInt(8);
      cluster.submit(
          new ApplicationSpec(
              "app",
              "user",
              "root.default",
              List.of(),
              new Resources(2048, 1),
              new Resources(executorGb * 1024L, 1 + random.nextInt(4)),
              random.nextInt(16),
              Duration.ofMinutes(1 + random.nextInt(25)),
              null));
    }
  }
}
