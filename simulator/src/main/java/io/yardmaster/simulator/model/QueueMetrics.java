package io.yardmaster.simulator.model;

/**
 * One queue's metrics at one instant, named as in YARN's {@code QueueMetrics} metrics2 source. A
 * parent queue sums its children. Available resources are the cluster's (every queue may grow to
 * the whole cluster).
 */
public record QueueMetrics(
    String queue,
    long appsRunning,
    long appsPending,
    long allocatedMb,
    long allocatedVcores,
    long allocatedContainers,
    long pendingMb,
    long pendingVcores,
    long pendingContainers,
    long availableMb,
    long availableVcores) {

  QueueMetrics plus(QueueMetrics other) {
    return new QueueMetrics(
        queue,
        appsRunning + other.appsRunning,
        appsPending + other.appsPending,
        allocatedMb + other.allocatedMb,
        allocatedVcores + other.allocatedVcores,
        allocatedContainers + other.allocatedContainers,
        pendingMb + other.pendingMb,
        pendingVcores + other.pendingVcores,
        pendingContainers + other.pendingContainers,
        availableMb,
        availableVcores);
  }
}
