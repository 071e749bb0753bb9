package io.yardmaster.testing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Job request bodies for tests. */
public final class Jobs {
  private Jobs() {}

  /** SparkPi on cluster alpha, with Airflow labels. */
  public static Map<String, Object> sparkPi(int executors) {
    Map<String, Object> batch = new HashMap<>();
    batch.put("file", "local:/opt/spark/examples/jars/spark-examples.jar");
    batch.put("className", "org.apache.spark.examples.SparkPi");
    batch.put("args", List.of("100"));
    batch.put("executorMemory", "4g");
    batch.put("executorCores", 2);
    batch.put("numExecutors", executors);
    batch.put("conf", Map.of("spark.sql.shuffle.partitions", "64"));
    Map<String, Object> labels = new HashMap<>();
    labels.put("dagId", "Daily_Risk");
    labels.put("taskId", "compute.VaR");
    labels.put("runId", "scheduled__2026-11-21T00:00:00+00:00");
    labels.put("mapIndex", -1);
    labels.put("tryNumber", 1);
    return new HashMap<>(
        Map.of("batch", batch, "target", Map.of("cluster", "alpha"), "labels", labels));
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> withTry(Map<String, Object> body, int tryNumber) {
    Map<String, Object> copy = new HashMap<>(body);
    Map<String, Object> labels = new HashMap<>((Map<String, Object>) body.get("labels"));
    labels.put("tryNumber", tryNumber);
    copy.put("labels", labels);
    return copy;
  }
}
