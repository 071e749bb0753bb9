package io.yardmaster.bench.autoscaling;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What one policy's replay measured.
 *
 * @param policy the row's label
 * @param vmSeconds VM-seconds billed, creation to deletion (or to the end of the replay)
 * @param spotVmSeconds the part of them billed for spot VMs
 * @param driverDelay percentiles p50, p95, p99 of submit to driver start, seconds
 * @param executorsDelay percentiles p50, p95, p99 of submit to all executors running, seconds
 * @param flaps VMs deleted within 15 minutes of their creation
 * @param killedContainers containers that were running on a VM when the autoscaler deleted it
 * @param spotEvictions spot VMs the market took back (their containers are lost)
 */
public record RunResult(
    String policy,
    int jobs,
    int succeeded,
    long vmSeconds,
    long spotVmSeconds,
    double[] driverDelay,
    double[] executorsDelay,
    int writes,
    int throttled,
    int flaps,
    int killedContainers,
    int spotEvictions,
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

  /** What the VMs cost at these hourly prices. */
  public double dollars(double onDemandPerHour, double spotPerHour) {
    return ((vmSeconds - spotVmSeconds) * onDemandPerHour + spotVmSeconds * spotPerHour) / 3600.0;
  }

  public double driverP95() {
    return driverDelay[1];
  }

  public double executorsP95() {
    return executorsDelay[1];
  }
}
