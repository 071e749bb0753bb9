package io.yardmaster.cost.collect;

import static java.util.Objects.requireNonNull;

import io.yardmaster.cost.attribution.AppUsage;
import io.yardmaster.cost.attribution.AttributionInputs;
import io.yardmaster.cost.attribution.PriceBook;
import io.yardmaster.cost.attribution.VmSpan;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;

/** What attribution reads, over collection's tables (cost_app, cost_vm, cost_dirty_hour). */
@Singleton
public final class CollectedInputs implements AttributionInputs {
  private final AppStore apps;
  private final VmStore vms;
  private final PriceBook prices;
  private final DirtyHours dirty;

  public CollectedInputs(AppStore apps, VmStore vms, PriceBook prices, DirtyHours dirty) {
    this.apps = requireNonNull(apps, "apps is null");
    this.vms = requireNonNull(vms, "vms is null");
    this.prices = requireNonNull(prices, "prices is null");
    this.dirty = requireNonNull(dirty, "dirty is null");
  }

  @Override
  public List<AppUsage> apps(String cluster, Instant from, Instant to) {
    return apps.overlapping(cluster, from.toEpochMilli(), to.toEpochMilli()).stream()
        .map(StoredApp::usage)
        .toList();
  }

  @Override
  public List<VmSpan> vms(String cluster, Instant from, Instant to) {
    return vms.overlapping(cluster, from.toEpochMilli(), to.toEpochMilli()).stream()
        .map(VmStore.StoredVm::span)
        .toList();
  }

  @Override
  public PriceBook prices() {
    return prices;
  }

  @Override
  public List<DirtyHour> dirtyHours(int limit) {
    return dirty.dirty(limit);
  }

  @Override
  public void attributed(DirtyHour hour) {
    dirty.attributed(hour);
  }
}
