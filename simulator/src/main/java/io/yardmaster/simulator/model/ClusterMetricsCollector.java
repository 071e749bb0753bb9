package io.yardmaster.simulator.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Computes cluster and queue metrics from nodes and active applications. */
final class ClusterMetricsCollector {
  private ClusterMetricsCollector() {}

  static ClusterMetrics cluster(
      Collection<SimulatedNode> nodes,
      Collection<SimulatedApplication> active,
      long submitted,
      long completed,
      long failed,
      long killed) {
    Resources total = Resources.ZERO;
    Resources allocated = Resources.ZERO;
    long containers = 0;
    int activeNodes = 0;
    int decommissioning = 0;
    int decommissioned = 0;
    int lost = 0;
    for (SimulatedNode node : nodes) {
      switch (node.state()) {
        case RUNNING -> activeNodes++;
        case DECOMMISSIONING -> decommissioning++;
        case DECOMMISSIONED -> decommissioned++;
        case LOST -> lost++;
      }
      if (node.state() == NodeState.RUNNING || node.state() == NodeState.DECOMMISSIONING) {
        total = total.plus(node.capacity());
        allocated = allocated.plus(node.used());
        containers += node.numContainers();
      }
    }
    Resources pending = Resources.ZERO;
    long pendingContainers = 0;
    long running = 0;
    for (SimulatedApplication application : active) {
      pending = pending.plus(application.pending());
      pendingContainers += application.pendingContainers();
      if (application.state() == ApplicationState.RUNNING) {
        running++;
      }
    }
    Resources available = total.minus(allocated);
    return new ClusterMetrics(
        submitted,
        completed,
        active.size() - running,
        running,
        failed,
        killed,
        allocated.memoryMb(),
        allocated.vcores(),
        available.memoryMb(),
        available.vcores(),
        pending.memoryMb(),
        pending.vcores(),
        total.memoryMb(),
        total.vcores(),
        containers,
        pendingContainers,
        nodes.size(),
        activeNodes,
        decommissioning,
        decommissioned,
        lost);
  }

  static List<QueueMetrics> queues(
      Set<String> queues, Collection<SimulatedApplication> active, ClusterMetrics cluster) {
    Map<String, QueueMetrics> byQueue = new LinkedHashMap<>();
    for (String queue : queues) {
      byQueue.put(
          queue,
          new QueueMetrics(
              queue,
              0,
              0,
              0,
              0,
              0,
              0,
              0,
              0,
              cluster.availableMb(),
              cluster.availableVirtualCores()));
    }
    for (SimulatedApplication application : active) {
      boolean running = application.state() == ApplicationState.RUNNING;
      Resources allocated = application.allocated();
      Resources pending = application.pending();
      QueueMetrics own =
          new QueueMetrics(
              "",
              running ? 1 : 0,
              running ? 0 : 1,
              allocated.memoryMb(),
              allocated.vcores(),
              application.runningContainers(),
              pending.memoryMb(),
              pending.vcores(),
              application.pendingContainers(),
              0,
              0);
      String queue = application.spec().queue();
      List<String> levels = new ArrayList<>();
      for (int dot = queue.indexOf('.'); dot > 0; dot = queue.indexOf('.', dot + 1)) {
        levels.add(queue.substring(0, dot));
      }
      levels.add(queue);
      for (String level : levels) {
        byQueue.computeIfPresent(level, (name, metrics) -> metrics.plus(own));
      }
    }
    return List.copyOf(byQueue.values());
  }
}
