package io.yardmaster.autoscaler.loop;

import io.yardmaster.autoscaler.nodepool.NodePoolVm;
import io.yardmaster.autoscaler.nodepool.ScaleSetState;
import io.yardmaster.autoscaler.policy.NodeView;
import io.yardmaster.autoscaler.yarn.NodeManagerApps;
import io.yardmaster.autoscaler.yarn.YarnNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A pool's scale set joined with the RM's NodeManagers by host name (a VM's computer name is its
 * NodeManager's host): which VMs serve as nodes, which are still booting, which are stuck.
 *
 * <p>The RM's node list has no applications per node, so a node the RM shows empty is asked itself
 * ({@link NodeManagerApps}): an application stays RUNNING on a NodeManager after its containers
 * there exited, while its shuffle data may still be fetched from there, and such a node is not free
 * ({@link NodeView#runningApplications()} is their count). A NodeManager that cannot be read is not
 * free either ({@link #UNREADABLE}): a failed read never makes a node removable (cluster-autoscaler
 * #3240). Only empty-looking nodes are asked, so the reads per tick are bounded by the idle nodes,
 * and they run in parallel within a budget ({@link NodeManagerReads}); a busy node is not free
 * anyway and keeps 0. A DECOMMISSIONED node is not asked: YARN's graceful decommission waited for
 * its containers and applications (WAIT_APP) before that state, and its NodeManager has shut down.
 *
 * @param nodes the pool's NodeManagers (those on one of its VMs)
 * @param booting VMs not (yet) registered as a usable NodeManager
 * @param stuck booting VMs older than the maximum provisioning time, or failed to provision
 */
record PoolObservation(
    ScaleSetState scaleSet,
    List<NodePoolVm> vms,
    List<NodeView> nodes,
    List<NodePoolVm> booting,
    List<NodePoolVm> stuck) {
  /** {@link NodeView#runningApplications()} of a node whose NodeManager could not be read. */
  static final int UNREADABLE = -1;

  /** Node states in which a NodeManager counts as having come up. */
  private static final Set<String> REGISTERED =
      Set.of("RUNNING", "DECOMMISSIONING", "DECOMMISSIONED", "UNHEALTHY", "NEW");

  PoolObservation {
    vms = List.copyOf(vms);
    nodes = List.copyOf(nodes);
    booting = List.copyOf(booting);
    stuck = List.copyOf(stuck);
  }

  static PoolObservation join(
      ScaleSetState scaleSet,
      List<NodePoolVm> vms,
      List<YarnNode> yarnNodes,
      NodeManagerApps nodeManagerApps,
      Instant now,
      Duration maxProvisioningTime) {
    Map<String, YarnNode> byHost = new HashMap<>();
    for (YarnNode node : yarnNodes) {
      YarnNode known = byHost.get(node.shortHostName());
      if (known == null || REGISTERED.contains(node.state())) {
        byHost.put(node.shortHostName(), node);
      }
    }
    Map<NodePoolVm, YarnNode> registered = new LinkedHashMap<>();
    List<YarnNode> toAsk = new ArrayList<>();
    List<NodePoolVm> booting = new ArrayList<>();
    List<NodePoolVm> stuck = new ArrayList<>();
    for (NodePoolVm vm : vms) {
      if ("Deleting".equalsIgnoreCase(vm.provisioningState())) {
        continue;
      }
      YarnNode node = byHost.get(YarnNode.shortName(vm.hostName()));
      if (node != null && REGISTERED.contains(node.state())) {
        registered.put(vm, node);
        if (worthAsking(node)) {
          toAsk.add(node);
        }
        continue;
      }
      booting.add(vm);
      boolean failed = "Failed".equalsIgnoreCase(vm.provisioningState());
      boolean tooOld =
          vm.createdAt() != null && vm.createdAt().plus(maxProvisioningTime).isBefore(now);
      if (failed || tooOld) {
        stuck.add(vm);
      }
    }
    Map<String, Integer> running =
        NodeManagerReads.runningApplications(nodeManagerApps, toAsk, NodeManagerReads.BUDGET);
    List<NodeView> nodes = new ArrayList<>();
    registered.forEach((vm, node) -> nodes.add(view(node, vm, running.getOrDefault(node.id(), 0))));
    return new PoolObservation(scaleSet, vms, nodes, booting, stuck);
  }

  Optional<NodeView> node(String nodeId) {
    return nodes.stream().filter(node -> node.nodeId().equals(nodeId)).findFirst();
  }

  Optional<NodePoolVm> vm(String instanceId) {
    return vms.stream().filter(vm -> vm.instanceId().equals(instanceId)).findFirst();
  }

  /**
   * Whether a VM created at or after {@code since} has come up as a NodeManager: the retry after a
   * back-off worked, so the back-off resets.
   */
  boolean registeredSince(Instant since) {
    Set<String> registered = new HashSet<>();
    nodes.forEach(node -> registered.add(node.vmInstanceId()));
    return vms.stream()
        .anyMatch(
            vm ->
                vm.createdAt() != null
                    && !vm.createdAt().isBefore(since)
                    && registered.contains(vm.instanceId()));
  }

  int freeNodes() {
    return (int) nodes.stream().filter(NodeView::free).count();
  }

  /** Whether to ask the node's NodeManager: it looks empty and has not shut down. */
  private static boolean worthAsking(YarnNode node) {
    boolean looksFree =
        node.containers() == 0 && node.usedVcores() == 0 && node.usedMemoryMb() == 0;
    return looksFree && !"DECOMMISSIONED".equals(node.state());
  }

  private static NodeView view(YarnNode node, NodePoolVm vm, int runningApplications) {
    return new NodeView(
        node.id(),
        vm.instanceId(),
        node.state(),
        node.containers(),
        runningApplications,
        node.usedVcores(),
        node.usedMemoryMb(),
        node.usedVcores() + node.availableVcores(),
        node.usedMemoryMb() + node.availableMemoryMb());
  }
}
