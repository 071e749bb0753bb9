package io.yardmaster.autoscaler.loop;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
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
import io.yardmaster.autoscaler.store.PoolOperation;
import io.yardmaster.autoscaler.store.PoolState;
import io.yardmaster.autoscaler.store.ShrinkIntent;
import io.yardmaster.autoscaler.yarn.NodeDecommissioner;
import io.yardmaster.autoscaler.yarn.NodeManagerApps;
import io.yardmaster.autoscaler.yarn.ResourceManager;
import io.yardmaster.autoscaler.yarn.YarnClusterMetrics;
import io.yardmaster.autoscaler.yarn.YarnNode;
import io.yardmaster.core.metrics.Meters;
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
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One iteration for one node pool: look once at the pool's cloud operation in flight, if any; read
 * the scale set, its VMs, the RM's nodes and the demand; ask the policy; act (start one capacity
 * write, or one shrink step); store the decision. A tick never waits for a cloud operation: a write
 * is started, and followed at the next ticks ({@link CloudOperations}, ADR 0011). Time is passed
 * in. A pool whose capacity cannot be read is held without asking the policy (cluster-autoscaler
 * #3240 shrank a pool from such a read).
 *
 * <p>Each stored decision counts in {@code yardmaster_autoscaler_decisions_total} (by pool, action
 * and outcome), and each 429 that blocks a pool's writes in {@code
 * yardmaster_pool_throttled_total}.
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
  private final CloudOperations operations;
  private final ShrinkProcess shrinks;
  private final PreferredPools preferredPools;
  private final MeterRegistry meters;

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
      String schedulerId,
      @Nullable MeterRegistry meters) { // null: no metrics (tests, benchmarks)
    this.meters = Meters.orNone(meters);
    this.registry = requireNonNull(registry, "registry is null");
    this.pools = pools.stream().collect(Collectors.toMap(NodePool::poolName, pool -> pool));
    this.resourceManager = requireNonNull(resourceManager, "resourceManager is null");
    this.nodeManagerApps = requireNonNull(nodeManagerApps, "nodeManagerApps is null");
    this.demandSource = requireNonNull(demandSource, "demandSource is null");
    this.policy = requireNonNull(policy, "policy is null");
    this.store = requireNonNull(store, "store is null");
    this.config = requireNonNull(config, "config is null");
    this.schedulerId = requireNonNull(schedulerId, "schedulerId is null");
    this.operations = new CloudOperations(store, config.operationTimeout(), schedulerId);
    this.shrinks =
        new ShrinkProcess(
            decommissioner,
            resourceManager,
            nodeManagerApps,
            store,
            operations,
            new RemovalHostsFile(config.removalHostsFile()));
    this.preferredPools = new PreferredPools(registry, store);
    // At zero from the start, so that rate() and an alert see every pool before its first 429.
    this.pools.keySet().forEach(this::throttled);
  }

  /** Runs one tick of the pool, due and begun at {@code now}, and stores its decision. */
  public DecisionRecord runOnce(String pool, Instant now) {
    return runOnce(pool, now, now);
  }

  /**
   * Runs one tick of the pool and stores its decision.
   *
   * @param scheduledAt when the tick was due: the time the tick decides at
   * @param startedAt when it actually began (the decision keeps both: the difference is its lag)
   */
  public DecisionRecord runOnce(String pool, Instant scheduledAt, Instant startedAt) {
    DecisionRecord decision = tick(pool, scheduledAt, false).withStartedAt(startedAt);
    store.saveDecision(decision);
    Counter.builder("yardmaster.autoscaler.decisions")
        .description("decisions the pools' ticks stored")
        .tags(
            "pool", pool, "action", decision.action().name(), "outcome", decision.outcome().name())
        .register(meters)
        .increment();
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

    Optional<PoolOperation> operation =
        dryRun ? store.operation(poolName) : operations.follow(poolName, nodePool, now);

    Optional<ShrinkIntent> shrink = store.shrink(poolName);
    if (shrink.isPresent()) {
      if (dryRun) {
        return records.bare(
            ScalingAction.SHRINK, Outcome.DRY_RUN, "shrink in progress at " + shrink.get().phase());
      }
      ShrinkProcess.Step step =
          shrinks.advance(
              shrink.get(), nodePool, cluster, writesBlocked(state, now), now, operation);
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
          "capacity read failed, no decision without a fresh read: "
              + e.getMessage()
              + note(operation, now));
    }
    if (!dryRun && operation.isPresent()) {
      operation = Optional.of(operations.byRead(operation.get(), scaleSet, now));
    }
    Optional<PoolOperation> inFlight = operation.filter(PoolOperation::inFlight);
    String operationNote = note(operation, now);
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
              "VM list failed: " + e.getMessage() + operationNote);
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
              "RM nodes unreadable: " + e.getMessage() + operationNote);
    }
    DemandReading demand =
        DemandCrossCheck.combine(demandSource.read(cluster, now), metrics(cluster));
    PoolObservation observed =
        PoolObservation.join(
            scaleSet, vms, yarnNodes, nodeManagerApps, now, config.maxProvisioningTime());
    records = records.observed(scaleSet.capacity(), observed, demand.demand());

    if (!observed.stuck().isEmpty()) {
      return deleteStuck(records, observed, nodePool, state, now, dryRun, inFlight);
    }
    if (state.backoffLevel() > 0 && observed.registeredSince(state.backoffUntil())) {
      state = state.backoff(state.backoffUntil(), 0);
      if (!dryRun) {
        store.setBackoff(poolName, state.backoffUntil(), 0);
      }
    }

    Optional<String> preferredExhausted = preferredPools.exhaustedBefore(poolConfig, now);
    PoolSnapshot snapshot =
        snapshot(
            poolConfig, cluster, state, observed, demand, preferredExhausted.isPresent(), inFlight);
    ScalingDecision decision =
        DecisionGuard.check(policy.decide(snapshot, now), snapshot, observed, inFlight);
    String reason =
        decision.reason()
            + preferredExhausted.map(why -> "; " + why).orElse("")
            + operationNote
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
        CloudOperations.Started started = startGrow(nodePool, target, scaleSet.etag(), now);
        if (!started.begun()) {
          return records.decided(
              decision, Outcome.SKIPPED, started.why() + "; " + reason, List.of());
        }
        return records.decided(
            decision,
            Outcome.APPLIED,
            scaleSet.capacity() + " → " + target + ", " + started.why() + ": " + reason,
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
      CloudOperations.Started started = startGrow(nodePool, target, fresh.etag(), now);
      if (!started.begun()) {
        return records.decided(decision, Outcome.SKIPPED, started.why() + "; " + reason, List.of());
      }
      return records.decided(
          decision,
          Outcome.APPLIED,
          "412, fresh read "
              + fresh.capacity()
              + " → "
              + target
              + ", "
              + started.why()
              + ": "
              + reason,
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

  /** Stores the grow, then sends its write; returns once ARM has answered. */
  private CloudOperations.Started startGrow(
      NodePool nodePool, int target, String etag, Instant now) {
    return operations.start(
        PoolOperation.grow(nodePool.poolName(), target, etag, now, schedulerId),
        () -> nodePool.setCapacity(target, etag));
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
      boolean dryRun,
      Optional<PoolOperation> inFlight) {
    Set<String> ids =
        observed.stuck().stream()
            .map(NodePoolVm::instanceId)
            .collect(Collectors.toCollection(TreeSet::new));
    String what =
        "VMs " + ids + " did not register as NodeManagers within " + config.maxProvisioningTime();
    if (dryRun) {
      return records.bare(ScalingAction.HOLD, Outcome.DRY_RUN, what + ": would delete them");
    }
    if (state.paused() || writesBlocked(state, now)) {
      return records.bare(ScalingAction.HOLD, Outcome.SKIPPED, what + " (paused or throttled)");
    }
    if (inFlight.isPresent() && inFlight.get().kind() == PoolOperation.Kind.DELETE) {
      return records.bare(
          ScalingAction.HOLD,
          Outcome.SKIPPED,
          what + "; waits for " + CloudOperations.describe(inFlight.get()));
    }
    // A grow in flight is the one waiting for these VMs to boot: their delete supersedes it.
    String replacing = inFlight.map(PoolOperation::id).orElse(null);
    String superseded =
        inFlight.map(grow -> "; supersedes " + CloudOperations.describe(grow)).orElse("");
    try {
      CloudOperations.Started started =
          operations.start(
              PoolOperation.delete(state.pool(), List.copyOf(ids), now, schedulerId),
              replacing,
              () -> nodePool.deleteInstances(ids));
      if (!started.begun()) {
        return records.bare(ScalingAction.HOLD, Outcome.SKIPPED, what + "; " + started.why());
      }
      superseded = "; " + started.why() + superseded;
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
        what + ": deleting, pool backed off until " + until + superseded,
        List.copyOf(ids));
  }

  private PoolSnapshot snapshot(
      NodePoolConfig pool,
      ClusterConfig cluster,
      PoolState state,
      PoolObservation observed,
      DemandReading demand,
      boolean preferredPoolsExhausted,
      Optional<PoolOperation> inFlight) {
    int min = state.minNodes() == null ? pool.minNodes() : state.minNodes();
    // A grow in flight counts in full: what the cloud has not listed yet counts as booting.
    int capacity =
        inFlight
            .filter(operation -> operation.kind() == PoolOperation.Kind.GROW)
            .map(operation -> Math.max(operation.target(), observed.scaleSet().capacity()))
            .orElse(observed.scaleSet().capacity());
    int listed =
        (int)
            observed.vms().stream()
                .filter(vm -> !"Deleting".equalsIgnoreCase(vm.provisioningState()))
                .count();
    int booting = observed.booting().size() + Math.max(0, capacity - listed);
    int max = state.maxNodes() == null ? pool.maxNodes() : state.maxNodes();
    int rank = registry.poolsOf(cluster.name()).indexOf(pool);
    return new PoolSnapshot(
        pool.name(),
        cluster.name(),
        pool.sku(),
        pool.priority() == Priority.SPOT,
        min,
        max,
        capacity,
        booting,
        observed.nodes(),
        demand.demand(),
        Math.max(0, rank),
        preferredPoolsExhausted,
        pool.spareNodes());
  }

  /** The pool's operation, when it is in flight or was seen over this tick, for the reason. */
  private static String note(Optional<PoolOperation> operation, Instant now) {
    return operation
        .filter(
            current ->
                current.inFlight()
                    || (current.endedAt() != null && !current.endedAt().isBefore(now)))
        .map(current -> "; operation: " + CloudOperations.describe(current))
        .orElse("");
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

  private Counter throttled(String pool) {
    return Counter.builder("yardmaster.pool.throttled")
        .description("429s from the cloud that blocked the pool's writes until Retry-After")
        .tag("pool", pool)
        .register(meters);
  }

  /** A 429 stops every write to the pool until its Retry-After (#2817 ignored it). */
  private void blockWritesIfThrottled(PoolState state, Throwable failure, Instant now) {
    if (failure instanceof NodePoolException e && e.code() == NodePoolErrorCode.THROTTLED) {
      Instant until = now.plus(e.retryAfter().orElse(config.defaultRetryAfter()));
      store.setWritesBlockedUntil(state.pool(), until);
      throttled(state.pool()).increment();
    }
  }
}
