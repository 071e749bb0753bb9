package io.yardmaster.bench;

import static java.util.Objects.requireNonNull;

import io.yardmaster.core.registry.Sku;
import io.yardmaster.simulator.model.Trace;
import io.yardmaster.simulator.model.TraceJob;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a trace would need if nothing ever waited: every job holds its driver and all its executors
 * from submission for its duration. From it, n(t) = max(ceil(cores(t) / c), ceil(memory(t) / m))
 * nodes of a SKU whose NodeManager offers c vcores and m MB; its peak sizes a fixed fleet and its
 * integral is the clairvoyant lower bound LB0 on node-seconds.
 */
public final class ClairvoyantDemand {
  private final List<long[]> steps;

  private ClairvoyantDemand(List<long[]> steps) {
    this.steps = steps;
  }

  /** Sweeps the trace's job starts and ends; steps are {second, cores, memoryMb}. */
  public static ClairvoyantDemand of(Trace trace) {
    requireNonNull(trace, "trace is null");
    List<long[]> changes = new ArrayList<>();
    for (TraceJob job : trace.jobs()) {
      long cores = job.driverCores() + (long) job.executors() * job.executorCores();
      long memory = job.driverMemoryMb() + (long) job.executors() * job.executorMemoryMb();
      changes.add(new long[] {job.submitSeconds(), cores, memory});
      changes.add(new long[] {job.submitSeconds() + job.durationSeconds(), -cores, -memory});
    }
    changes.sort(Comparator.comparingLong(change -> change[0]));
    List<long[]> steps = new ArrayList<>();
    long cores = 0;
    long memory = 0;
    for (int i = 0; i < changes.size(); i++) {
      long[] change = changes.get(i);
      cores += change[1];
      memory += change[2];
      if (i + 1 == changes.size() || changes.get(i + 1)[0] != change[0]) {
        steps.add(new long[] {change[0], cores, memory});
      }
    }
    return new ClairvoyantDemand(steps);
  }

  /** Nodes needed at the busiest moment. */
  public int peakNodes(Sku sku) {
    return (int) steps.stream().mapToLong(step -> nodes(step, sku)).max().orElse(0);
  }

  /** Peak demand in cores. */
  public long peakCores() {
    return steps.stream().mapToLong(step -> step[1]).max().orElse(0);
  }

  /** LB0: the integral of n(t) over the trace, in node-seconds. */
  public long nodeSeconds(Sku sku) {
    long total = 0;
    for (int i = 0; i + 1 < steps.size(); i++) {
      total += nodes(steps.get(i), sku) * (steps.get(i + 1)[0] - steps.get(i)[0]);
    }
    return total;
  }

  private static long nodes(long[] step, Sku sku) {
    long byCores = ceilDiv(step[1], sku.nodeManagerVcores());
    long byMemory = ceilDiv(step[2], sku.nodeManagerMemoryMb());
    return Math.max(byCores, byMemory);
  }

  private static long ceilDiv(long value, long divisor) {
    return value <= 0 ? 0 : (value + divisor - 1) / divisor;
  }
}
