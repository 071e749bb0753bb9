package io.yardmaster.autoscaler.loop;

import static java.util.Objects.requireNonNull;

import io.yardmaster.autoscaler.policy.ScalingAction;
import io.yardmaster.autoscaler.store.AutoscalerStore;
import io.yardmaster.autoscaler.store.DecisionRecord;
import io.yardmaster.autoscaler.store.DecisionRecord.Outcome;
import io.yardmaster.autoscaler.store.PoolState;
import io.yardmaster.core.registry.ClusterRegistry;
import io.yardmaster.core.registry.NodePoolConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether the pools a cluster prefers to a given pool are exhausted, so that this pool may grow for
 * the cluster's demand ({@code PoolSnapshot.preferredPoolsExhausted}). A preferred pool cannot grow
 * now when it is paused, backed off (its VMs failed to come up), has its writes blocked by a 429
 * Retry-After, or is at its effective max (the operator's override, else the configured max). Its
 * size comes from its latest stored decision: the capacity read then, or the target when that tick
 * applied a grow (a failed read counts as 0). A pool with no stored decision yet is not known to be
 * at its max, so the demand stays with it.
 */
final class PreferredPools {
  private final ClusterRegistry registry;
  private final AutoscalerStore store;

  PreferredPools(ClusterRegistry registry, AutoscalerStore store) {
    this.registry = requireNonNull(registry, "registry is null");
    this.store = requireNonNull(store, "store is null");
  }

  /**
   * Why none of the pools ranked before {@code pool} in its cluster can grow now; empty when one of
   * them can, or when {@code pool} is the cluster's most preferred.
   */
  Optional<String> exhaustedBefore(NodePoolConfig pool, Instant now) {
    List<NodePoolConfig> pools = registry.poolsOf(pool.cluster());
    int rank = pools.indexOf(pool);
    if (rank <= 0) {
      return Optional.empty();
    }
    List<String> reasons = new ArrayList<>();
    for (NodePoolConfig preferred : pools.subList(0, rank)) {
      Optional<String> reason = whyCannotGrow(preferred, now);
      if (reason.isEmpty()) {
        return Optional.empty();
      }
      reasons.add(reason.get());
    }
    return Optional.of("preferred pools cannot grow: " + String.join(", ", reasons));
  }

  private Optional<String> whyCannotGrow(NodePoolConfig pool, Instant now) {
    PoolState state = store.poolState(pool.name());
    if (state.paused()) {
      return Optional.of(pool.name() + " paused");
    }
    if (now.isBefore(state.backoffUntil())) {
      return Optional.of(pool.name() + " backed off until " + state.backoffUntil());
    }
    if (now.isBefore(state.writesBlockedUntil())) {
      return Optional.of(pool.name() + " throttled (429) until " + state.writesBlockedUntil());
    }
    int max = state.maxNodes() == null ? pool.maxNodes() : state.maxNodes();
    return store.decisions(pool.name(), 1).stream()
        .filter(latest -> size(latest) >= max)
        .findFirst()
        .map(latest -> pool.name() + " at max " + max);
  }

  private static int size(DecisionRecord latest) {
    int capacity = latest.capacity() == null ? 0 : latest.capacity();
    boolean grew = latest.action() == ScalingAction.GROW && latest.outcome() == Outcome.APPLIED;
    return grew ? Math.max(capacity, latest.target()) : capacity;
  }
}
