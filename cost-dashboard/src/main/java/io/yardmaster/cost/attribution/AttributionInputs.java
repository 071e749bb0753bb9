package io.yardmaster.cost.attribution;

import java.time.Instant;
import java.util.List;

/**
 * What attribution reads, implemented by {@code collect} over its tables: the apps and the VMs of a
 * cluster around an hour, the price book, and which hours changed since they were last attributed.
 */
public interface AttributionInputs {

  /** Apps of the cluster that held containers at any time in [from, to), running ones included. */
  List<AppUsage> apps(String cluster, Instant from, Instant to);

  /** The billed spans of the cluster's VMs (every pool) that overlap [from, to). */
  List<VmSpan> vms(String cluster, Instant from, Instant to);

  /** The price book as it stands. */
  PriceBook prices();

  /** Hours whose inputs changed since they were last attributed, oldest first, at most limit. */
  List<DirtyHour> dirtyHours(int limit);

  /**
   * The hour is attributed as of {@code version}: it stays dirty if its inputs changed again since
   * (a later version), so a change during attribution is never lost.
   */
  void attributed(DirtyHour hour);

  /** A cluster's UTC hour whose inputs changed; {@code version} grows with every change. */
  record DirtyHour(String cluster, Instant hourStart, long version) {}
}
