package io.yardmaster.simulator.graphite;

import io.yardmaster.simulator.model.MetricsSample;
import io.yardmaster.simulator.model.QueueMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * A metric series named as Hadoop's GraphiteSink names it: {@code
 * <prefix>.yarn.QueueMetrics.Queue=root.batch.Context=yarn.Hostname=<rm>.PendingMB} (a dotted queue
 * name adds levels) and {@code
 * <prefix>.yarn.ClusterMetrics.ClusterMetrics=ResourceManager.Context=yarn.Hostname=<rm>.NumActiveNMs}.
 */
record GraphiteSeries(String name, String cluster, Extractor extractor) {

  /** Reads the series' value from a sample; null when the sample does not have it. */
  @FunctionalInterface
  interface Extractor {
    Double value(MetricsSample sample);
  }

  private record QueueMetric(String name, ToLongFunction<QueueMetrics> value) {}

  private static final List<QueueMetric> QUEUE_METRICS =
      List.of(
          new QueueMetric("AppsRunning", QueueMetrics::appsRunning),
          new QueueMetric("AppsPending", QueueMetrics::appsPending),
          new QueueMetric("AllocatedMB", QueueMetrics::allocatedMb),
          new QueueMetric("AllocatedVCores", QueueMetrics::allocatedVcores),
          new QueueMetric("AllocatedContainers", QueueMetrics::allocatedContainers),
          new QueueMetric("PendingMB", QueueMetrics::pendingMb),
          new QueueMetric("PendingVCores", QueueMetrics::pendingVcores),
          new QueueMetric("PendingContainers", QueueMetrics::pendingContainers),
          new QueueMetric("AvailableMB", QueueMetrics::availableMb),
          new QueueMetric("AvailableVCores", QueueMetrics::availableVcores));

  /** The ResourceManager host name in series names. */
  static String host(String cluster) {
    return "rm-" + cluster;
  }

  /** Every series of one cluster, for the queues it has. */
  static List<GraphiteSeries> of(String cluster, String prefix, List<String> queues) {
    List<GraphiteSeries> series = new ArrayList<>();
    String tail = ".Context=yarn.Hostname=" + host(cluster) + ".";
    for (String queue : queues) {
      for (QueueMetric metric : QUEUE_METRICS) {
        series.add(
            new GraphiteSeries(
                prefix + ".yarn.QueueMetrics.Queue=" + queue + tail + metric.name(),
                cluster,
                sample -> queueValue(sample, queue, metric.value())));
      }
    }
    String clusterPrefix = prefix + ".yarn.ClusterMetrics.ClusterMetrics=ResourceManager" + tail;
    series.add(
        new GraphiteSeries(
            clusterPrefix + "NumActiveNMs",
            cluster,
            sample -> (double) sample.metrics().activeNodes()));
    series.add(
        new GraphiteSeries(
            clusterPrefix + "NumDecommissioningNMs",
            cluster,
            sample -> (double) sample.metrics().decommissioningNodes()));
    series.add(
        new GraphiteSeries(
            clusterPrefix + "NumDecommissionedNMs",
            cluster,
            sample -> (double) sample.metrics().decommissionedNodes()));
    series.add(
        new GraphiteSeries(
            clusterPrefix + "NumLostNMs",
            cluster,
            sample -> (double) sample.metrics().lostNodes()));
    return series;
  }

  private static Double queueValue(
      MetricsSample sample, String queue, ToLongFunction<QueueMetrics> value) {
    for (QueueMetrics metrics : sample.queues()) {
      if (metrics.queue().equals(queue)) {
        return (double) value.applyAsLong(metrics);
      }
    }
    return null;
  }
}
