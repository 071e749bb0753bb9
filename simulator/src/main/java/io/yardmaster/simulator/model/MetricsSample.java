package io.yardmaster.simulator.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** One cluster's metrics as sampled at {@code millis} (what a metrics2 sink would send). */
public record MetricsSample(
    long millis, String cluster, ClusterMetrics metrics, List<QueueMetrics> queues) {
  public MetricsSample {
    requireNonNull(cluster, "cluster is null");
    requireNonNull(metrics, "metrics is null");
    queues = List.copyOf(queues);
  }
}
