package io.yardmaster.cost.collect;

import static java.util.Objects.requireNonNull;

import io.yardmaster.core.fleet.ScaleSetVm;
import io.yardmaster.core.fleet.ScaleSetVms;
import io.yardmaster.core.registry.ClusterRegistry;
import io.yardmaster.core.registry.NodePoolConfig;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VM bill's records (ADR 0016): every pass lists each node pool's scale set (one request per
 * pool) and stores each VM from its creation time, as the cloud gives it, to the first list that no
 * longer has it. A VM's end is so known to within {@link CollectConfig#vmInterval()}, billed up to
 * the later bound; the scale set's list has no deletion times.
 */
@Singleton
public final class VmCollector {
  private static final Logger LOG = LoggerFactory.getLogger(VmCollector.class);

  private final ClusterRegistry registry;
  private final ScaleSetVms scaleSets;
  private final VmStore store;
  private final DirtyHours dirty;
  private final Clock clock;

  public VmCollector(
      ClusterRegistry registry,
      ScaleSetVms scaleSets,
      VmStore store,
      DirtyHours dirty,
      Clock clock) {
    this.registry = requireNonNull(registry, "registry is null");
    this.scaleSets = requireNonNull(scaleSets, "scaleSets is null");
    this.store = requireNonNull(store, "store is null");
    this.dirty = requireNonNull(dirty, "dirty is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** One pass over every pool; one pool failing skips only it. */
  public void collectAll() {
    for (NodePoolConfig pool : registry.pools()) {
      try {
        collect(pool);
      } catch (RuntimeException e) {
        LOG.info("VM records of pool {} skipped this pass: {}", pool.name(), e.toString());
      }
    }
  }

  /** One pass of one pool. */
  public void collect(NodePoolConfig pool) {
    List<ScaleSetVm> listed = scaleSets.list(pool);
    long now = clock.millis();
    long since = now;
    Set<String> present = new HashSet<>();
    for (VmStore.StoredVm vm : store.listed(pool.name())) {
      since = Math.min(since, vm.lastSeenAt());
    }
    for (ScaleSetVm vm : listed) {
      present.add(vm.instanceId());
      try {
        if (store.known(pool.name(), vm.instanceId())) {
          store.seen(pool.name(), vm.instanceId(), now);
          continue;
        }
        long created = vm.createdAt() == null ? now : Math.min(now, vm.createdAt().toEpochMilli());
        store.insert(
            new VmStore.StoredVm(
                pool.name(),
                vm.instanceId(),
                pool.cluster(),
                vm.name(),
                pool.skuName(),
                vm.region(),
                pool.priority(),
                pool.nodeManagerVcores(),
                pool.nodeManagerMemoryMb(),
                created,
                now,
                null));
        since = Math.min(since, created);
      } catch (RuntimeException e) {
        LOG.warn("VM {} of pool {} not recorded: {}", vm.name(), pool.name(), e.toString());
      }
    }
    for (VmStore.StoredVm vm : store.listed(pool.name())) {
      if (!present.contains(vm.instanceId())) {
        store.ended(pool.name(), vm.instanceId(), now);
      }
    }
    // Every hour since the oldest last sighting changed: VMs ran (or ended) in it.
    dirty.mark(pool.cluster(), since, now);
  }
}
