package io.yardmaster.autoscaler.loop;

import io.yardmaster.autoscaler.demand.DemandCrossCheck;
import io.yardmaster.autoscaler.demand.DemandReading;
import io.yardmaster.autoscaler.demand.DemandSource;
import io.yardmaster.autoscaler.nodepool.CloudOperation;
import io.yardmaster.autoscaler.nodepool.EtagMismatchException;
import io.yardmaster.autoscaler.nodepool.NodePool;
import io.yardmaster.autoscaler.nodepool.NodePoolVm;
import io.yardmaster.autoscaler.nodepool.OperationProgress;
import io.yardmaster.autoscaler.nodepool.PowerState;
import io.yardmaster.autoscaler.nodepool.ScaleSetState;
import io.yardmaster.autoscaler.policy.Demand;
import io.yardmaster.autoscaler.yarn.NodeDecommissioner;
import io.yardmaster.autoscaler.yarn.NodeManagerApps;
import io.yardmaster.autoscaler.yarn.ResourceManager;
import io.yardmaster.autoscaler.yarn.YarnClusterMetrics;
import io.yardmaster.autoscaler.yarn.YarnNode;
import io.yardmaster.core.registry.ClusterConfig;
import io.yardmaster.simulator.model.ClusterMetrics;
import io.yardmaster.simulator.model.Resources;
import io.yardmaster.simulator.model.SimulatedApplication;
import io.yardmaster.simulator.model.SimulatedCluster;
import io.yardmaster.simulator.model.SimulatedNode;
import io.yardmaster.simulator.model.SimulatedScaleSet;
import io.yardmaster.simulator.model.Simulation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The cloud and YARN edges of the loop over the simulator's model in virtual time (no HTTP), for
 * the property test. Reads let simulated time run on by a random delay, so that the loop acts on a
 * slightly old picture as it does in production; {@link #violations()} lists every VM deleted while
 * its NodeManager still ran a container or hosted a running application.
 */
final class ModelEdges {
  private final Simulation simulation;
  private final SimulatedCluster cluster;
  private final SimulatedScaleSet scaleSet;
  private final Random random;
  private final List<String> violations = new ArrayList<>();
  private int deleted;

  ModelEdges(
      Simulation simulation, SimulatedCluster cluster, SimulatedScaleSet scaleSet, Random random) {
    this.simulation = simulation;
    this.cluster = cluster;
    this.scaleSet = scaleSet;
    this.random = random;
  }

  List<String> violations() {
    return List.copyOf(violations);
  }

  int deleted() {
    return deleted;
  }

  private void latency() {
    simulation.runUntil(simulation.now() + random.nextInt(5_000));
  }

  NodePool nodePool() {
    return new NodePool() {
      @Override
      public String poolName() {
        return scaleSet.poolName();
      }

      @Override
      public ScaleSetState read() {
        return new ScaleSetState(
            scaleSet.armId(),
            scaleSet.sku().name(),
            scaleSet.capacity(),
            "g" + scaleSet.generation(),
            "Succeeded");
      }

      @Override
      public List<NodePoolVm> vms() {
        List<NodePoolVm> vms =
            scaleSet.vms().stream()
                .map(
                    vm ->
                        new NodePoolVm(
                            vm.instanceId(),
                            vm.name(),
                            vm.hostName(),
                            vm.provisioningState(),
                            PowerState.fromStatusCode(vm.powerState()),
                            vm.createdAt()))
                .toList();
        latency();
        return vms;
      }

      @Override
      public CloudOperation setCapacity(int target, String etag) {
        if (!etag.equals("g" + scaleSet.generation())) {
          throw new EtagMismatchException(etag, "PreconditionFailed", "stale etag", null);
        }
        scaleSet.setCapacity(target);
        return CloudOperation.completed();
      }

      @Override
      public OperationProgress follow(String reference) {
        // every write here completes at once, so any operation followed has succeeded
        return OperationProgress.of(OperationProgress.State.SUCCEEDED, "completed at once");
      }

      @Override
      public CloudOperation deleteInstances(Set<String> instanceIds) {
        for (String id : instanceIds) {
          String host = scaleSet.vm(id).orElseThrow().hostName();
          cluster
              .node(host)
              .filter(node -> node.numContainers() > 0 || !node.runningApplications().isEmpty())
              .ifPresent(
                  node ->
                      violations.add(
                          host
                              + " deleted with "
                              + node.numContainers()
                              + " containers and applications "
                              + node.runningApplications().stream()
                                  .map(SimulatedApplication::id)
                                  .toList()));
        }
        scaleSet.deleteInstances(instanceIds);
        deleted += instanceIds.size();
        return CloudOperation.completed();
      }
    };
  }

  ResourceManager resourceManager() {
    return new ResourceManager() {
      @Override
      public List<YarnNode> nodes(ClusterConfig config) {
        List<YarnNode> nodes = cluster.nodes().stream().map(ModelEdges::node).toList();
        latency();
        return nodes;
      }

      @Override
      public YarnClusterMetrics metrics(ClusterConfig config) {
        ClusterMetrics metrics = cluster.metrics();
        return new YarnClusterMetrics(
            metrics.pendingMb(),
            metrics.pendingVirtualCores(),
            metrics.containersPending(),
            metrics.availableMb(),
            metrics.availableVirtualCores(),
            metrics.activeNodes());
      }
    };
  }

  /** Each node's NodeManager as the model has it: the applications it hosts. */
  NodeManagerApps nodeManagerApps() {
    return node ->
        cluster.node(node.hostName()).orElseThrow().runningApplications().stream()
            .map(SimulatedApplication::id)
            .toList();
  }

  DemandSource demandSource() {
    return (config, now) -> {
      ClusterMetrics metrics = cluster.metrics();
      return new DemandReading(
          new Demand(
              metrics.pendingVirtualCores(),
              metrics.pendingMb(),
              DemandCrossCheck.averageShape(
                  metrics.containersPending(), metrics.pendingVirtualCores(), metrics.pendingMb()),
              Duration.ZERO,
              false),
          "model");
    };
  }

  NodeDecommissioner decommissioner() {
    return new NodeDecommissioner() {
      @Override
      public void decommission(ClusterConfig config, Set<String> hosts) {
        hosts.forEach(cluster::decommission);
      }

      @Override
      public void recommission(ClusterConfig config, Set<String> hosts) {
        hosts.forEach(cluster::recommission);
      }
    };
  }

  Instant now() {
    return Instant.ofEpochMilli(simulation.now());
  }

  private static YarnNode node(SimulatedNode node) {
    Resources used = node.used();
    Resources available = node.available();
    return new YarnNode(
        node.id(),
        node.hostName(),
        node.state().name(),
        node.numContainers(),
        (int) used.vcores(),
        used.memoryMb(),
        (int) available.vcores(),
        available.memoryMb(),
        node.hostName() + ":8042");
  }
}
