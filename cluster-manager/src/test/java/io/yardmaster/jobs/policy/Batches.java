package io.yardmaster.jobs.policy;

import io.yardmaster.jobs.api.SparkBatch;
import java.util.List;
import java.util.Map;

/** Spark batches for the policy tests. */
final class Batches {
  private Batches() {}

  static SparkBatch conf(Map<String, String> conf) {
    return batch("local:/opt/jobs/pi.jar", List.of(), null, null, null, conf);
  }

  static SparkBatch batch(
      String file,
      List<String> jars,
      String executorMemory,
      Integer executorCores,
      Integer executors,
      Map<String, String> conf) {
    return new SparkBatch(
        file,
        "org.example.Pi",
        List.of(),
        jars,
        List.of(),
        List.of(),
        List.of(),
        null,
        null,
        executorMemory,
        executorCores,
        executors,
        null,
        null,
        conf);
  }
}
