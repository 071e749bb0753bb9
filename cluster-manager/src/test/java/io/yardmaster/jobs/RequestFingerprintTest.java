package io.yardmaster.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import io.yardmaster.jobs.api.JobLabels;
import io.yardmaster.jobs.api.JobRequest;
import io.yardmaster.jobs.api.JobTarget;
import io.yardmaster.jobs.api.SparkBatch;
import io.yardmaster.testing.StoredJobs;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Whether a retried request is the same job, and if not, which fields differ. */
class RequestFingerprintTest {
  private final RequestFingerprint fingerprint = new RequestFingerprint(JsonMapper.createDefault());

  private static JobRequest request(SparkBatch batch, String cluster, JobLabels labels) {
    return new JobRequest(batch, new JobTarget(cluster, List.of(), null, null), labels);
  }

  private static JobLabels labels(String dag, Integer tryNumber) {
    return new JobLabels(dag, "compute.VaR", "scheduled__2026-11-21", -1, tryNumber);
  }

  private static SparkBatch batch(int executors, Map<String, String> conf) {
    SparkBatch pi = StoredJobs.pi();
    return new SparkBatch(
        pi.file(),
        pi.className(),
        pi.args(),
        pi.jars(),
        pi.pyFiles(),
        pi.files(),
        pi.archives(),
        pi.driverMemory(),
        pi.driverCores(),
        pi.executorMemory(),
        pi.executorCores(),
        executors,
        pi.queue(),
        pi.name(),
        conf);
  }

  @Test
  void anAirflowRetryIsTheSameRequest() {
    JobRequest first = request(batch(2, Map.of("a", "1")), "alpha", labels("daily", 1));
    JobRequest retry = request(batch(2, Map.of("a", "1")), "alpha", labels("daily", 2));
    assertThat(fingerprint.hash(retry)).isEqualTo(fingerprint.hash(first)).hasSize(64);
    assertThat(fingerprint.differences(first, retry)).isEmpty();
  }

  @Test
  void anotherBodyHashesDifferentlyAndNamesEveryDifferingPathInOrder() {
    JobRequest stored = request(batch(4, Map.of("a", "1", "b", "2")), "alpha", labels("daily", 1));
    Map<String, String> conf = new HashMap<>(Map.of("a", "1", "spark.x", "1"));
    JobRequest given = request(batch(8, conf), "beta", labels("weekly", 1));
    assertThat(fingerprint.hash(given)).isNotEqualTo(fingerprint.hash(stored));
    assertThat(fingerprint.differences(stored, given))
        .containsExactly(
            "batch.conf.b",
            "batch.conf.spark.x",
            "batch.numExecutors",
            "labels.dagId",
            "target.cluster");
  }

  @Test
  void aFieldLeftOutDiffersFromOneGivenButTheConfsOrderDoesNot() {
    JobRequest withDag = request(batch(2, Map.of()), "alpha", labels("daily", 1));
    JobRequest without = request(batch(2, Map.of()), "alpha", labels(null, 1));
    assertThat(fingerprint.differences(withDag, without)).containsExactly("labels.dagId");
    assertThat(fingerprint.differences(without, withDag)).containsExactly("labels.dagId");

    Map<String, String> forwards = new java.util.LinkedHashMap<>();
    forwards.put("a", "1");
    forwards.put("b", "2");
    Map<String, String> backwards = new java.util.LinkedHashMap<>();
    backwards.put("b", "2");
    backwards.put("a", "1");
    JobRequest one = request(batch(2, forwards), "alpha", JobLabels.NONE);
    JobRequest other = request(batch(2, backwards), "alpha", JobLabels.NONE);
    assertThat(fingerprint.differences(one, other)).isEmpty();
    assertThat(fingerprint.hash(one)).isEqualTo(fingerprint.hash(other));
  }
}
