package io.yardmaster.autoscaler.loop;

import static java.util.Objects.requireNonNull;

import io.micronaut.core.annotation.Nullable;
import io.yardmaster.autoscaler.nodepool.NodePool;
import io.yardmaster.autoscaler.nodepool.NodePoolException;
import io.yardmaster.autoscaler.nodepool.NodePoolVm;
import io.yardmaster.autoscaler.store.AutoscalerStore;
import io.yardmaster.autoscaler.store.DecisionRecord.Outcome;
import io.yardmaster.autoscaler.store.PoolOperation;
import io.yardmaster.autoscaler.store.PoolOperation.State;
import io.yardmaster.autoscaler.store.ShrinkIntent;
import io.yardmaster.autoscaler.store.ShrinkIntent.Phase;
import io.yardmaster.autoscaler.store.ShrinkIntent.Target;
import io.yardmaster.autoscaler.yarn.NodeDecommissioner;
import io.yardmaster.autoscaler.yarn.NodeManagerApps;
import io.yardmaster.autoscaler.yarn.ResourceManager;
import io.yardmaster.autoscaler.yarn.YarnNode;
import io.yardmaster.core.registry.ClusterConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Removes free NodeManagers without killing work, one stored phase at a time so that a restarted
 * autoscaler picks up where the last one stopped: DECOMMISSION (removal hosts file, YARN graceful
 * decommission) → DELETE (re-check each node is still empty, start the delete of exactly those VMs)
 * → DELETING (the delete's cloud operation is followed, one look per tick, until it is over) →
 * UNEXCLUDE (hosts out of the exclude list and the hosts file). A failed step is retried from its
 * phase; a delete whose operation failed or was lost is retried from DELETE (the re-check runs
 * again). The hosts leave the exclude list only once the delete is over: a node put back in service
 * while its VM is being deleted could be given containers.
 *
 * <p>The re-check before the delete also asks each target's NodeManager for RUNNING applications
 * (shuffle data may still be fetched from a node whose containers have exited): a target hosting
 * one, or whose NodeManager cannot be read, is kept, never deleted. A kept target is undone like
 * one that got containers: UNEXCLUDE puts it back in service at once. Waiting in DELETE instead
 * would hold every other decision on the pool for as long as the application runs (hours for a
 * Spark job); back in service, the next tick's policy sees the node as busy (see {@link
 * PoolObservation}) until the application ends, and picks it again only then.
 */
final class ShrinkProcess {
  private static final String DECOMMISSIONED = "DECOMMISSIONED";

  private final NodeDecommissioner decommissioner;
  private final ResourceManager resourceManager;
  private final NodeManagerApps nodeManagerApps;
  private final AutoscalerStore store;
  private final CloudOperations operations;
  private final RemovalHostsFile removalHosts;

  ShrinkProcess(
      NodeDecommissioner decommissioner,
      ResourceManager resourceManager,
      NodeManagerApps nodeManagerApps,
      AutoscalerStore store,
      CloudOperations operations,
      RemovalHostsFile removalHosts) {
    this.decommissioner = requireNonNull(decommissioner, "decommissioner is null");
    this.resourceManager = requireNonNull(resourceManager, "resourceManager is null");
    this.nodeManagerApps = requireNonNull(nodeManagerApps, "nodeManagerApps is null");
    this.store = requireNonNull(store, "store is null");
    this.operations = requireNonNull(operations, "operations is null");
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
    return advance(intent, pool, cluster, writesBlocked, intent.updatedAt(), Optional.empty());
  }

  /**
   * @param operation the pool's cloud operation as this tick found it (in flight, or its last one)
   */
  Step advance(
      ShrinkIntent intent,
      NodePool pool,
      ClusterConfig cluster,
      boolean writesBlocked,
      Instant now,
      Optional<PoolOperation> operation) {
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
      if (current.phase() == Phase.DELETING) {
        Optional<PoolOperation> delete =
            operation.filter(last -> last.kind() == PoolOperation.Kind.DELETE);
        if (delete.isPresent() && delete.get().inFlight()) {
          return new Step(
              Outcome.NONE,
              deleted,
              join(done, "waits for " + CloudOperations.describe(delete.get())),
              null);
        }
        boolean succeeded = delete.isPresent() && delete.get().state() == State.SUCCEEDED;
        done.add(
            delete.map(CloudOperations::describe).orElse("no delete operation stored")
                + (succeeded ? "" : ": deleting again what is still empty"));
        current = current.next(succeeded ? Phase.UNEXCLUDE : Phase.DELETE, current.targets(), now);
        store.saveShrink(current);
      }
      if (current.phase() == Phase.DELETE) {
        if (writesBlocked) {
          return new Step(
              Outcome.SKIPPED,
              deleted,
              join(done, "deleting waits for the cloud's Retry-After"),
              null);
        }
        Optional<PoolOperation> other = operation.filter(PoolOperation::inFlight);
        if (other.isPresent()) {
          return new Step(
              Outcome.NONE,
              deleted,
              join(done, "deleting waits for " + CloudOperations.describe(other.get())),
              null);
        }
        Set<String> delete = stillEmpty(current, pool, cluster, done);
        if (!delete.isEmpty()) {
          CloudOperations.Started started =
              operations.start(
                  PoolOperation.delete(
                      current.pool(), List.copyOf(delete), now, operations.schedulerId()),
                  () -> pool.deleteInstances(delete));
          if (!started.begun()) {
            return new Step(Outcome.NONE, deleted, join(done, started.why()), null);
          }
          deleted.addAll(delete);
          done.add("deleting VMs " + delete + ", " + started.why());
          if (started.inFlight()) {
            store.saveShrink(current.next(Phase.DELETING, current.targets(), now));
            return new Step(
                Outcome.APPLIED,
                deleted,
                join(done, "the hosts leave the exclude list once the delete is over"),
                null);
          }
        }
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

  /**
   * Re-checks every target: the VMs of the still-empty ones, to delete. Still empty: no container
   * on the RM, and either DECOMMISSIONED on the RM (YARN's graceful decommission waited for its
   * containers and applications, and the NodeManager has shut down) or no RUNNING application on
   * its NodeManager. A NodeManager that cannot be read keeps its node, unless a second RM read
   * shows it DECOMMISSIONED meanwhile (a node that finished decommissioning shuts its NodeManager
   * down).
   */
  private Set<String> stillEmpty(
      ShrinkIntent intent, NodePool pool, ClusterConfig cluster, List<String> done) {
    Map<String, YarnNode> nodes = byHost(resourceManager.nodes(cluster));
    Set<String> existing =
        pool.vms().stream().map(NodePoolVm::instanceId).collect(Collectors.toSet());
    Set<String> delete = new LinkedHashSet<>();
    List<String> busy = new ArrayList<>();
    Map<String, List<String>> hosting = new LinkedHashMap<>();
    List<Target> unreadable = new ArrayList<>();
    for (Target target : intent.targets()) {
      YarnNode node = nodes.get(YarnNode.shortName(target.hostName()));
      if (node != null && hasContainers(node)) {
        busy.add(target.hostName());
        continue;
      }
      if (node != null && !DECOMMISSIONED.equals(node.state())) {
        try {
          List<String> running = nodeManagerApps.runningApplications(node);
          if (!running.isEmpty()) {
            hosting.put(target.hostName(), running);
            continue;
          }
        } catch (RuntimeException e) {
          unreadable.add(target);
          continue;
        }
      }
      if (existing.contains(target.instanceId())) {
        delete.add(target.instanceId());
      }
    }
    List<String> kept = new ArrayList<>();
    if (!unreadable.isEmpty()) {
      Map<String, YarnNode> again = byHost(resourceManager.nodes(cluster));
      for (Target target : unreadable) {
        YarnNode node = again.get(YarnNode.shortName(target.hostName()));
        if (node != null
            && DECOMMISSIONED.equals(node.state())
            && !hasContainers(node)
            && existing.contains(target.instanceId())) {
          delete.add(target.instanceId());
        } else {
          kept.add(target.hostName());
        }
      }
    }
    if (!busy.isEmpty()) {
      done.add("kept " + busy + ": containers arrived before the decommission");
    }
    if (!hosting.isEmpty()) {
      done.add("kept " + hosting + ": applications still RUNNING there (shuffle data)");
    }
    if (!kept.isEmpty()) {
      done.add("kept " + kept + ": NodeManager unreadable, no delete on a failed read");
    }
    return delete;
  }

  private static boolean hasContainers(YarnNode node) {
    return node.containers() > 0 || node.usedMemoryMb() > 0;
  }

  private static Map<String, YarnNode> byHost(List<YarnNode> list) {
    Map<String, YarnNode> nodes = new HashMap<>();
    for (YarnNode node : list) {
      nodes.put(node.shortHostName(), node);
    }
    return nodes;
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
