package io.yardmaster.bench.autoscaling;

import io.yardmaster.autoscaler.policy.ContainerShape;
import io.yardmaster.autoscaler.policy.Demand;
import io.yardmaster.autoscaler.policy.NodeView;
import io.yardmaster.core.registry.Sku;
import io.yardmaster.simulator.model.NodeState;
import io.yardmaster.simulator.model.Resources;
import io.yardmaster.simulator.model.SimulatedApplication;
import io.yardmaster.simulator.model.SimulatedCluster;
import io.yardmaster.simulator.model.SimulatedContainer;
import io.yardmaster.simulator.model.SimulatedNode;
import io.yardmaster.simulator.model.SimulatedScaleSet;
import io.yardmaster.simulator.model.SimulatedVm;
import io.yardmaster.simulator.model.VmState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the model the way the production loop reads its peers: the cluster's pending demand (what
 * Graphite's QueueMetrics would show, plus the exact pending container shapes the model knows), the
 * scale set's capacity and booting VMs, and the pool's NodeManagers as the RM reports them.
 */
final class PoolObserver {
  private final SimulatedCluster cluster;
  private final SimulatedScaleSet scaleSet;

  PoolObserver(SimulatedCluster cluster, SimulatedScaleSet scaleSet) {
    this.cluster = cluster;
    this.scaleSet = scaleSet;
  }

  /** Applications not yet in a terminal state. */
  List<SimulatedApplication> active() {
    List<SimulatedApplication> active = new ArrayList<>();
    for (SimulatedApplication application : cluster.applications()) {
      if (!application.state().terminal()) {
        active.add(application);
      }
    }
    return active;
  }

  /**
   * Pending resources and shapes of the active applications, as a sample of age {@code age}; the
   * executors of applications whose driver is still pending are announced (what the cluster manager
   * knows from each job's request before Spark asks YARN for them).
   */
  static Demand pending(List<SimulatedApplication> active, Duration age) {
    Map<List<Long>, long[]> shapes = new LinkedHashMap<>();
    Map<List<Long>, long[]> announced = new LinkedHashMap<>();
    long vcores = 0;
    long memory = 0;
    for (SimulatedApplication application : active) {
      if (application.driverPending()) {
        Resources driver = application.spec().driver();
        add(shapes, driver, 1, true);
        vcores += driver.vcores();
        memory += driver.memoryMb();
        if (application.spec().executors() > 0) {
          add(announced, application.spec().executor(), application.spec().executors(), false);
        }
      }
      int executors = application.executorsPending();
      if (executors > 0) {
        Resources executor = application.spec().executor();
        add(shapes, executor, executors, false);
        vcores += executor.vcores() * executors;
        memory += executor.memoryMb() * executors;
      }
    }
    return new Demand(vcores, memory, shapes(shapes), age, false, shapes(announced));
  }

  private static List<ContainerShape> shapes(Map<List<Long>, long[]> counted) {
    List<ContainerShape> list = new ArrayList<>();
    for (Map.Entry<List<Long>, long[]> entry : counted.entrySet()) {
      List<Long> key = entry.getKey();
      list.add(
          new ContainerShape(
              (int) entry.getValue()[0],
              key.get(0).intValue(),
              key.get(1).intValue(),
              key.get(2) == 1L));
    }
    return list;
  }

  private static void add(
      Map<List<Long>, long[]> shapes, Resources size, int count, boolean applicationMaster) {
    List<Long> key = List.of(size.vcores(), size.memoryMb(), applicationMaster ? 1L : 0L);
    shapes.computeIfAbsent(key, k -> new long[1])[0] += count;
  }

  /**
   * The pool's NodeManagers that still have a VM (running, draining or drained), as the production
   * loop joins the scale set's VMs with the RM's nodes: a node whose VM was deleted is not one.
   */
  List<SimulatedNode> poolNodes() {
    Set<String> live = new HashSet<>();
    for (SimulatedVm vm : scaleSet.vms()) {
      live.add(vm.instanceId());
    }
    List<SimulatedNode> nodes = new ArrayList<>();
    for (SimulatedNode node : cluster.nodes()) {
      if (scaleSet.armId().equals(node.scaleSetId())
          && node.state() != NodeState.LOST
          && live.contains(node.instanceId())) {
        nodes.add(node);
      }
    }
    return nodes;
  }

  static NodeView view(SimulatedNode node) {
    int applications = 0;
    if (node.numContainers() > 0) {
      Set<String> ids = new HashSet<>();
      for (SimulatedContainer container : node.containers()) {
        ids.add(container.application().id());
      }
      applications = ids.size();
    }
    return new NodeView(
        node.id(),
        node.instanceId(),
        node.state().name(),
        node.numContainers(),
        applications,
        (int) node.used().vcores(),
        node.used().memoryMb(),
        (int) node.capacity().vcores(),
        node.capacity().memoryMb());
  }

  int bootingVms() {
    int booting = 0;
    for (SimulatedVm vm : scaleSet.vms()) {
      if (vm.state() == VmState.CREATING) {
        booting++;
      }
    }
    return booting;
  }

  /** Nodes that allocated plus pending containers fill: max(cores / c, memory / m), rounded up. */
  static int demandNodes(List<SimulatedNode> nodes, Demand pending, Sku sku) {
    long vcores = pending.pendingVcores();
    long memory = pending.pendingMemoryMb();
    for (SimulatedNode node : nodes) {
      vcores += node.used().vcores();
      memory += node.used().memoryMb();
    }
    long byCores = (vcores + sku.nodeManagerVcores() - 1) / sku.nodeManagerVcores();
    long byMemory = (memory + sku.nodeManagerMemoryMb() - 1) / sku.nodeManagerMemoryMb();
    return (int) Math.max(byCores, byMemory);
  }
}
