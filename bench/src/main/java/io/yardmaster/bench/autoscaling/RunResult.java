package io.yardmaster.bench.autoscaling;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What one policy's replay measured.
 *
 * @param vmSeconds VM-seconds billed, creation to deletion (or to the end of the replay)
 * @param driverDelay percentiles p50, p95, p99 of submit to driver start, seconds
 * @param executorsDelay percentiles p50, p95, p99 of submit to all executors running, seconds
 * @param flaps VMs deleted within 15 minutes of their creation
 * @param killedContainers containers that were running on a VM when it was deleted
 */
public record RunResult(
    String policy,
    int jobs,
    int succeeded,
    long vmSeconds,
    double[] driverDelay,
    double[] executorsDelay,
    int writes,
    int throttled,
    int flaps,
    int killedContainers,
    int vmsCreated,
    double wallSeconds,
    List<TimelinePoint> timeline) {
  public RunResult {
    requireNonNull(policy, "policy is null");
    driverDelay = driverDelay.clone();
    executorsDelay = executorsDelay.clone();
    timeline = List.copyOf(timeline);
  }

  public double vmHours() {
    return vmSeconds / 3600.0;
  }

  public double driverP95() {
    return driverDelay[1];
  }

  public double executorsP95() {
    return executorsDelay[1];
  }
}
