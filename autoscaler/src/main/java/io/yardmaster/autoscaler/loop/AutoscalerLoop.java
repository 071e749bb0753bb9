package io.yardmaster.autoscaler.loop;

import static java.util.Objects.requireNonNull;

import io.yardmaster.autoscaler.AutoscalerConfig;
import io.yardmaster.autoscaler.demand.DemandCrossCheck;
import io.yardmaster.autoscaler.demand.DemandReading;
import io.yardmaster.autoscaler.demand.DemandSource;
import io.yardmaster.autoscaler.nodepool.NodePool;
import io.yardmaster.autoscaler.nodepool.NodePoolErrorCode;
import io.yardmaster.autoscaler.nodepool.NodePoolException;
import io.yardmaster.autoscaler.nodepool.NodePoolVm;
import io.yardmaster.autoscaler.nodepool.ScaleSetState;
import io.yardmaster.autoscaler.policy.PoolSnapshot;
import io.yardmaster.autoscaler.policy.ScalingAction;
import io.yardmaster.autoscaler.policy.ScalingDecision;
import io.yardmaster.autoscaler.policy.ScalingPolicy;
import io.yardmaster.autoscaler.store.AutoscalerStore;
import io.yardmaster.autoscaler.store.DecisionRecord;
import io.yardmaster.autoscaler.store.DecisionRecord.Outcome;
import io.yardmaster.autoscaler.store.PoolState;
import io.yardmaster.autoscaler.store.ShrinkIntent;
import io.yardmaster.autoscaler.yarn.NodeDecommissioner;
import io.yardmaster.autoscaler.yarn.NodeManagerApps;
import io.yardmaster.autoscaler.yarn.ResourceManager;
import io.yardmaster.autoscaler.yarn.YarnClusterMetrics;
import io.yardmaster.autoscaler.yarn.YarnNode;
import io.yardmaster.core.registry.ClusterConfig;
import io.yardmaster.core.registry.ClusterRegistry;
import io.yardmaster.core.registry.NodePoolConfig;
import io.yardmaster.core.registry.Priority;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One iteration for one node pool: read the scale set, its VMs, the RM's nodes and the demand; ask
 * the policy; act (one capacity write, or one shrink); store the decision. Time is passed in. A
 * pool whose capacity cannot be read is held without asking the policy (cluster-autoscaler #3240
 * shrank a pool from such a read).
 */
public final class AutoscalerLoop {
  private final ClusterRegistry registry;
  private final Map<String, NodePool> pools;
  private final ResourceManager resourceManager;
  private final NodeManagerApps nodeManagerApps;
  private final DemandSource demandSource;
  private final ScalingPolicy policy;
  private final AutoscalerStore store;
  private final AutoscalerConfig config;
  private final String schedulerId;
  private final ShrinkProcess shrinks;
  private final PreferredPools preferredPools;

  public AutoscalerLoop(
      ClusterRegistry registry,
      List<NodePool> pools,
      ResourceManager resourceManager,
      NodeManagerApps nodeManagerApps,
      DemandSource demandSource,
      NodeDecommissioner decommissioner,
      ScalingPolicy policy,
      AutoscalerStore store,
      AutoscalerConfig config,
      String schedulerId) {
    this.registry = requireNonNull(registry, "registry is null");
    this.pools = pools.stream().collect(Collectors.toMap(NodePool::poolName, pool -> pool));
    this.resourceManager = requireNonNull(resourceManager, "resourceManager is null");
    this.nodeManagerApps = requireNonNull(nodeManagerApps, "nodeManagerApps is null");
    this.demandSource = requireNonNull(demandSource, "demandSource is null");
    this.policy = requireNonNull(policy, "policy is null");
    this.store = requireNonNull(store, "store is null");
    this.config = requireNonNull(config, "config is null");
    this.schedulerId = requireNonNull(schedulerId, "schedulerId is null");
    this.shrinks =
        new ShrinkProcess(
            decommissioner,
            resourceManager,
            nodeManagerApps,
            store,
            new RemovalHostsFile(config.removalHostsFile()));
    this.preferredPools = new PreferredPools(registry, store);
  }

  /** Runs one tick of the pool and stores its decision. */
  public DecisionRecord runOnce(String pool, Instant now) {
    DecisionRecord decision = tick(pool, now, false);
    store.saveDecision(decision);
    return decision;
  }

  /** What a tick would decide now, without writing anything to the cloud, YARN or the store. */
  public DecisionRecord dryRun(String pool, Instant now) {
    return tick(pool, now, true);
  }

  public String policyName() {
    return policy.name();
  }

  private DecisionRecord tick(String poolName, Instant now, boolean dryRun) {
    NodePoolConfig poolConfig =
        registry
            .pool(poolName)
            .orElseThrow(() -> new IllegalArgumentException("unknown node pool " + poolName));
    ClusterConfig cluster = registry.cluster(poolConfig.cluster()).orElseThrow();
    NodePool nodePool = pools.get(poolName);
    if (nodePool == null) {
      throw new IllegalStateException("no NodePool bean for pool " + poolName);
    }
    PoolState state = store.poolState(poolName);
    TickRecords records =
        new TickRecords(poolName, cluster.name(), now, policy.name(), schedulerId);

    Optional<ShrinkIntent> shrink = store.shrink(poolName);
    if (shrink.isPresent()) {
      if (dryRun) {
        return records.bare(
            ScalingAction.SHRINK, Outcome.DRY_RUN, "shrink in progress at " + shrink.get().phase());
      }
      ShrinkProcess.Step step =
          shrinks.advance(shrink.get(), nodePool, cluster, writesBlocked(state, now), now);
      blockWritesIfThrottled(state, step.failure(), now);
      return records.bare(
          ScalingAction.SHRINK, step.outcome(), "resumed " + step.reason(), step.deletedVms());
    }

    ScaleSetState scaleSet;
    List<NodePoolVm> vms;
    try {
      scaleSet = nodePool.read();
    } catch (RuntimeException e) {
      if (!dryRun) {
        blockWritesIfThrottled(state, e, now);
      }
      return records.bare(
          ScalingAction.HOLD,
          dryRun ? Outcome.DRY_RUN : Outcome.NONE,
          "capacity read failed, no decision without a fresh read: " + e.getMessage());
    }
    try {
      vms = nodePool.vms();
    } catch (RuntimeException e) {
      if (!dryRun) {
        blockWritesIfThrottled(state, e, now);
      }
      return records
          .read(scaleSet.capacity())
          .bare(
              ScalingAction.HOLD,
              dryRun ? Outcome.DRY_RUN : Outcome.NONE,
              "VM list failed: " + e.getMessage());
    }
    List<YarnNode> yarnNodes;
    try {
      yarnNodes = resourceManager.nodes(cluster);
    } catch (RuntimeException e) {
      return records
          .read(scaleSet.capacity())
          .bare(
              ScalingAction.HOLD,
              dryRun ? Outcome.DRY_RUN : Outcome.NONE,
              "RM nodes unreadable: " + e.getMessage());
    }
    DemandReading demand =
        DemandCrossCheck.combine(demandSource.read(cluster, now), metrics(cluster));
    PoolObservation observed =
        PoolObservation.join(
            scaleSet, vms, yarnNodes, nodeManagerApps, now, config.maxProvisioningTime());
    records = records.observed(scaleSet.capacity(), observed, demand.demand());

    if (!observed.stuck().isEmpty()) {
      return deleteStuck(records, observed, nodePool, state, now, dryRun);
    }
    if (state.backoffLevel() > 0 && observed.registeredSince(state.backoffUntil())) {
      state = state.backoff(state.backoffUntil(), 0);
      if (!dryRun) {
        store.setBackoff(poolName, state.backoffUntil(), 0);
      }
    }

    Optional<String> preferredExhausted = preferredPools.exhaustedBefore(poolConfig, now);
    PoolSnapshot snapshot =
        snapshot(poolConfig, cluster, state, observed, demand, preferredExhausted.isPresent());
    ScalingDecision decision =
        DecisionGuard.check(policy.decide(snapshot, now), snapshot, observed);
    String reason =
        decision.reason()
            + preferredExhausted.map(why -> "; " + why).orElse("")
            + " ["
            + demand.note()
            + "]";
    if (dryRun) {
      return records.decided(decision, Outcome.DRY_RUN, reason, List.of());
    }
    if (state.paused()) {
      return records.decided(decision, Outcome.SKIPPED, "pool paused; " + reason, List.of());
    }
    return switch (decision.action()) {
      case HOLD -> records.decided(decision, Outcome.NONE, reason, List.of());
      case GROW -> grow(records, decision, reason, nodePool, scaleSet, state, now);
      case SHRINK -> shrink(records, decision, reason, nodePool, cluster, observed, state, now);
    };
  }

  private DecisionRecord grow(
      TickRecords records,
      ScalingDecision decision,
      String reason,
      NodePool nodePool,
      ScaleSetState scaleSet,
      PoolState state,
      Instant now) {
    if (writesBlocked(state, now)) {
      return records.decided(
          decision,
          Outcome.SKIPPED,
          "no write until " + state.writesBlockedUntil() + " (429 Retry-After); " + reason,
          List.of());
    }
    if (now.isBefore(state.backoffUntil())) {
      return records.decided(
          decision,
          Outcome.SKIPPED,
          "backed off until " + state.backoffUntil() + "; " + reason,
          List.of());
    }
    int target = decision.targetCapacity();
    try {
      try {
        nodePool.setCapacity(target, scaleSet.etag());
        return records.decided(
            decision,
            Outcome.APPLIED,
            scaleSet.capacity() + " → " + target + ": " + reason,
            List.of());
      } catch (NodePoolException e) {
        if (e.code() != NodePoolErrorCode.PRECONDITION_FAILED) {
          throw e;
        }
      }
      ScaleSetState fresh = nodePool.read();
      if (fresh.capacity() >= target) {
        return records.decided(
            decision,
            Outcome.NONE,
            "412: the scale set changed, a fresh read has " + fresh.capacity() + "; " + reason,
            List.of());
      }
      nodePool.setCapacity(target, fresh.etag());
      return records.decided(
          decision,
          Outcome.APPLIED,
          "412, fresh read " + fresh.capacity() + " → " + target + ": " + reason,
          List.of());
    } catch (RuntimeException e) {
      blockWritesIfThrottled(state, e, now);
      return records.decided(
          decision,
          Outcome.FAILED,
          "capacity write failed: " + e.getMessage() + "; " + reason,
          List.of());
    }
  }

  private DecisionRecord shrink(
      TickRecords records,
      ScalingDecision decision,
      String reason,
      NodePool nodePool,
      ClusterConfig cluster,
      PoolObservation observed,
      PoolState state,
      Instant now) {
    List<ShrinkIntent.Target> targets = new ArrayList<>();
    for (String nodeId : decision.removeNodes()) {
      String instanceId = observed.node(nodeId).orElseThrow().vmInstanceId();
      NodePoolVm vm = observed.vm(instanceId).orElseThrow();
      ShrinkIntent.Target target = new ShrinkIntent.Target(vm.hostName(), instanceId);
      if (!ShrinkIntent.fits(targets, target)) {
        // The stored intent has a bound; the rest stay free and are removed by a later shrink.
        reason += "; " + (decision.removeNodes().size() - targets.size()) + " left for later";
        break;
      }
      targets.add(target);
    }
    ShrinkIntent intent =
        new ShrinkIntent(
            records.pool(), cluster.name(), ShrinkIntent.Phase.DECOMMISSION, targets, now, now);
    ShrinkProcess.Step step = shrinks.start(intent, nodePool, cluster, writesBlocked(state, now));
    blockWritesIfThrottled(state, step.failure(), now);
    return records.decided(
        decision, step.outcome(), step.reason() + "; " + reason, step.deletedVms());
  }

  private DecisionRecord deleteStuck(
      TickRecords records,
      PoolObservation observed,
      NodePool nodePool,
      PoolState state,
      Instant now,
      boolean dryRun) {
    Set<String> ids =
        observed.stuck().stream().map(NodePoolVm::instanceId).collect(Collectors.toSet());
    String what =
        "VMs " + ids + " did not register as NodeManagers within " + config.maxProvisioningTime();
    if (dryRun) {
      return records.bare(ScalingAction.HOLD, Outcome.DRY_RUN, what + ": would delete them");
    }
    if (state.paused() || writesBlocked(state, now)) {
      return records.bare(ScalingAction.HOLD, Outcome.SKIPPED, what + " (paused or throttled)");
    }
    try {
      nodePool.deleteInstances(ids);
    } catch (RuntimeException e) {
      blockWritesIfThrottled(state, e, now);
      return records.bare(
          ScalingAction.HOLD, Outcome.FAILED, what + "; delete failed: " + e.getMessage());
    }
    Instant until = now.plus(config.backoff(state.backoffLevel()));
    store.setBackoff(state.pool(), until, state.backoffLevel() + 1);
    return records.bare(
        ScalingAction.HOLD,
        Outcome.APPLIED,
        what + ": deleted, pool backed off until " + until,
        List.copyOf(ids));
  }

  private PoolSnapshot snapshot(
      NodePoolConfig pool,
      ClusterConfig cluster,
      PoolState state,
      PoolObservation observed,
      DemandReading demand,
      boolean preferredPoolsExhausted) {
    int min = state.minNodes() == null ? pool.minNodes() : state.minNodes();
    int max = state.maxNodes() == null ? pool.maxNodes() : state.maxNodes();
    int rank = registry.poolsOf(cluster.name()).indexOf(pool);
    return new PoolSnapshot(
        pool.name(),
        cluster.name(),
        pool.sku(),
        pool.priority() == Priority.SPOT,
        min,
        max,
        observed.scaleSet().capacity(),
        observed.booting().size(),
        observed.nodes(),
        demand.demand(),
        Math.max(0, rank),
        preferredPoolsExhausted,
        pool.spareNodes());
  }

  private Optional<YarnClusterMetrics> metrics(ClusterConfig cluster) {
    try {
      return Optional.of(resourceManager.metrics(cluster));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static boolean writesBlocked(PoolState state, Instant now) {
    return now.isBefore(state.writesBlockedUntil());
  }

  /** A 429 stops every write to the pool until its Retry-After (#2817 ignored it). */
  private void blockWritesIfThrottled(PoolState state, Throwable failure, Instant now) {
    if (failure instanceof NodePoolException e && e.code() == NodePoolErrorCode.THROTTLED) {
      Instant until = now.plus(e.retryAfter().orElse(config.defaultRetryAfter()));
      store.setWritesBlockedUntil(state.pool(), until);
    }
  }
}
