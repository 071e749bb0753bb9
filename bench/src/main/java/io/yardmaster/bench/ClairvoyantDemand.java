package io.yardmaster.bench;

import static java.util.Objects.requireNonNull;

import io.yardmaster.core.registry.Sku;
import io.yardmaster.simulator.model.Trace;
import io.yardmaster.simulator.model.TraceJob;
import java.time.Duration;
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

  /**
   * LB1, the boot-aware bound: LB0 plus one median boot for every node the clairvoyant fleet must
   * add, {@code LB0 + boot x sum(max(0, n(t_i) - n(t_i-1)))}: even an oracle pays for the VMs it
   * starts while they boot.
   */
  public long bootAwareNodeSeconds(Sku sku, Duration medianBoot) {
    return nodeSeconds(sku) + medianBoot.toSeconds() * nodesAdded(sku);
  }

  /** The sum of the increases of n(t), from zero nodes before the first job. */
  public long nodesAdded(Sku sku) {
    long added = 0;
    long previous = 0;
    for (long[] step : steps) {
      long nodes = nodes(step, sku);
      added += Math.max(0, nodes - previous);
      previous = nodes;
    }
    return added;
  }

  /**
   * The {@code quantile} of n(t) weighted by time, from the first submission to the last end: the
   * smallest fleet that covers the demand that share of the time.
   */
  public int timeQuantileNodes(Sku sku, double quantile) {
    if (!(quantile > 0) || quantile > 1) {
      throw new IllegalArgumentException("quantile must be in (0, 1], got " + quantile);
    }
    List<long[]> durations = new ArrayList<>();
    long total = 0;
    for (int i = 0; i + 1 < steps.size(); i++) {
      long seconds = steps.get(i + 1)[0] - steps.get(i)[0];
      durations.add(new long[] {nodes(steps.get(i), sku), seconds});
      total += seconds;
    }
    durations.sort(Comparator.comparingLong(entry -> entry[0]));
    long covered = 0;
    for (long[] entry : durations) {
      covered += entry[1];
      if (covered >= quantile * total) {
        return (int) entry[0];
      }
    }
    return peakNodes(sku);
  }

  /** n(t) at second {@code second} of the trace (0 before the first job). */
  public long nodesAt(Sku sku, long second) {
    long nodes = 0;
    for (long[] step : steps) {
      if (step[0] > second) {
        break;
      }
      nodes = nodes(step, sku);
    }
    return nodes;
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
