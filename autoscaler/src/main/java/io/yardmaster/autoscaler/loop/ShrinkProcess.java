package io.yardmaster.autoscaler.loop;

import static java.util.Objects.requireNonNull;

import io.micronaut.core.annotation.Nullable;
import io.yardmaster.autoscaler.nodepool.NodePool;
import io.yardmaster.autoscaler.nodepool.NodePoolException;
import io.yardmaster.autoscaler.nodepool.NodePoolVm;
import io.yardmaster.autoscaler.store.AutoscalerStore;
import io.yardmaster.autoscaler.store.DecisionRecord.Outcome;
import io.yardmaster.autoscaler.store.ShrinkIntent;
import io.yardmaster.autoscaler.store.ShrinkIntent.Phase;
import io.yardmaster.autoscaler.store.ShrinkIntent.Target;
import io.yardmaster.autoscaler.yarn.NodeDecommissioner;
import io.yardmaster.autoscaler.yarn.ResourceManager;
import io.yardmaster.autoscaler.yarn.YarnNode;
import io.yardmaster.core.registry.ClusterConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Removes free NodeManagers without killing work, one stored phase at a time so that a restarted
 * autoscaler picks up where the last one stopped: DECOMMISSION (removal hosts file, YARN graceful
 * decommission) → DELETE (re-check each node is still empty, delete exactly those VMs) → UNEXCLUDE
 * (hosts out of the exclude list and the hosts file). A failed step is retried from its phase.
 */
final class ShrinkProcess {
  private final NodeDecommissioner decommissioner;
  private final ResourceManager resourceManager;
  private final AutoscalerStore store;
  private final RemovalHostsFile removalHosts;

  ShrinkProcess(
      NodeDecommissioner decommissioner,
      ResourceManager resourceManager,
      AutoscalerStore store,
      RemovalHostsFile removalHosts) {
    this.decommissioner = requireNonNull(decommissioner, "decommissioner is null");
    this.resourceManager = requireNonNull(resourceManager, "resourceManager is null");
    this.store = requireNonNull(store, "store is null");
    this.removalHosts = requireNonNull(removalHosts, "removalHosts is null");
  }

  /** What one call did. */
  record Step(
      Outcome outcome,
      List<String> deletedVms,
      String reason,
      @Nullable NodePoolException failure) {
    Step {
      deletedVms = List.copyOf(deletedVms);
    }
  }

  /** Stores the intent, then runs as many phases as it can. */
  Step start(ShrinkIntent intent, NodePool pool, ClusterConfig cluster, boolean writesBlocked) {
    store.saveShrink(intent);
    return advance(intent, pool, cluster, writesBlocked, intent.updatedAt());
  }

  Step advance(
      ShrinkIntent intent,
      NodePool pool,
      ClusterConfig cluster,
      boolean writesBlocked,
      Instant now) {
    ShrinkIntent current = intent;
    List<String> done = new ArrayList<>();
    List<String> deleted = new ArrayList<>();
    try {
      if (current.phase() == Phase.DECOMMISSION) {
        Set<String> hosts = hosts(current.targets());
        removalHosts.add(cluster.name(), hosts);
        decommissioner.decommission(cluster, hosts);
        current = current.next(Phase.DELETE, current.targets(), now);
        store.saveShrink(current);
        done.add("decommissioning " + hosts);
      }
      if (current.phase() == Phase.DELETE) {
        if (writesBlocked) {
          return new Step(
              Outcome.SKIPPED,
              deleted,
              join(done, "deleting waits for the cloud's Retry-After"),
              null);
        }
        deleted.addAll(deleteStillEmpty(current, pool, cluster, done));
        current = current.next(Phase.UNEXCLUDE, current.targets(), now);
        store.saveShrink(current);
      }
      Set<String> hosts = hosts(current.targets());
      decommissioner.recommission(cluster, hosts);
      removalHosts.remove(cluster.name(), hosts);
      store.deleteShrink(current.pool());
      done.add("hosts out of the exclude list");
      return new Step(Outcome.APPLIED, deleted, join(done, "shrink done"), null);
    } catch (NodePoolException e) {
      return new Step(
          Outcome.FAILED,
          deleted,
          join(done, "shrink stopped at " + current.phase() + ", resumes next tick: " + e),
          e);
    } catch (RuntimeException e) {
      return new Step(
          Outcome.FAILED,
          deleted,
          join(done, "shrink stopped at " + current.phase() + ", resumes next tick: " + e),
          null);
    }
  }

  /** Re-checks every target on the RM, then deletes exactly the VMs of the still-empty ones. */
  private List<String> deleteStillEmpty(
      ShrinkIntent intent, NodePool pool, ClusterConfig cluster, List<String> done) {
    Map<String, YarnNode> nodes = new HashMap<>();
    for (YarnNode node : resourceManager.nodes(cluster)) {
      nodes.put(node.shortHostName(), node);
    }
    Set<String> existing =
        pool.vms().stream().map(NodePoolVm::instanceId).collect(Collectors.toSet());
    Set<String> delete = new LinkedHashSet<>();
    List<String> busy = new ArrayList<>();
    for (Target target : intent.targets()) {
      YarnNode node = nodes.get(YarnNode.shortName(target.hostName()));
      if (node != null && (node.containers() > 0 || node.usedMemoryMb() > 0)) {
        busy.add(target.hostName());
      } else if (existing.contains(target.instanceId())) {
        delete.add(target.instanceId());
      }
    }
    if (!delete.isEmpty()) {
      pool.deleteInstances(delete);
      done.add("deleted VMs " + delete);
    }
    if (!busy.isEmpty()) {
      done.add("kept " + busy + ": containers arrived before the decommission");
    }
    return List.copyOf(delete);
  }

  private static Set<String> hosts(List<Target> targets) {
    Set<String> hosts = new LinkedHashSet<>();
    targets.forEach(target -> hosts.add(target.hostName()));
    return hosts;
  }

  private static String join(List<String> done, String last) {
    List<String> parts = new ArrayList<>(done);
    parts.add(last);
    return String.join("; ", parts);
  }
}
