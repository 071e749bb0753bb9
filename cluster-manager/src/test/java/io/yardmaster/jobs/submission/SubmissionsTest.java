package io.yardmaster.jobs.submission;

import static io.yardmaster.testing.StoredJobs.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.yardmaster.backend.BatchSubmission;
import io.yardmaster.core.registry.ClusterConfig;
import io.yardmaster.jobs.Job;
import io.yardmaster.jobs.JobProgress;
import io.yardmaster.jobs.api.JobLabels;
import io.yardmaster.jobs.api.JobRequest;
import io.yardmaster.jobs.api.JobTarget;
import io.yardmaster.jobs.api.SparkBatch;
import io.yardmaster.jobs.policy.EffectiveConf;
import io.yardmaster.testing.TestClusters;
import io.yardmaster.web.teams.Team;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What Livy receives: Livy applies the sizing fields after {@code conf}, so an enforced size must
 * arrive as the field itself, and the same key must not also stay in the conf with another value.
 */
class SubmissionsTest {
  private static final ClusterConfig ALPHA =
      TestClusters.withConf(
          "alpha",
          List.of("spark.executor.cores=2", "spark.sql.shuffle.partitions=200"),
          List.of("spark.executor.memory=4g", "spark.executor.instances=10"));
  private static final Team RISK =
      new Team(
          "risk",
          "risk-svc",
          100,
          10,
          1000,
          1_000_000,
          Map.of("spark.sql.shuffle.partitions", "64"),
          Map.of("spark.driver.cores", "1"),
          T0);

  @Test
  void enforcedSizesReachLivyAsTheBatchFieldsTheRequestTriedToSet() {
    SparkBatch batch =
        batch("8g", 4, "16g", 8, 50, Map.of("spark.executor.memory", "32g", "spark.foo", "x"));

    BatchSubmission sent = Submissions.of(job(batch), RISK, EffectiveConf.of(ALPHA, RISK, batch));

    assertThat(sent.executorMemory()).isEqualTo("4g"); // cluster-enforced over field and conf
    assertThat(sent.numExecutors()).isEqualTo(10); // cluster-enforced over the field
    assertThat(sent.driverCores()).isEqualTo(1); // team-enforced over the field
    assertThat(sent.driverMemory()).isEqualTo("8g"); // the request's own, nothing enforced
    assertThat(sent.executorCores()).isEqualTo(8); // the request's field over the default
    assertThat(sent.conf())
        .doesNotContainKeys(
            "spark.executor.memory",
            "spark.executor.instances",
            "spark.driver.cores",
            "spark.driver.memory",
            "spark.executor.cores")
        .containsEntry("spark.foo", "x")
        .containsEntry("spark.sql.shuffle.partitions", "64"); // team default over cluster default
    assertThat(sent.proxyUser()).isEqualTo("risk-svc");
  }

  @Test
  void defaultsFillFieldsTheRequestLeftOutAndTheTagsAreAlwaysOurs() {
    // The policy refuses this key at the API; were it stored, the tags sent are still ours.
    SparkBatch batch = batch(null, null, null, null, null, Map.of("spark.yarn.tags", "evil"));

    BatchSubmission sent = Submissions.of(job(batch), RISK, EffectiveConf.of(ALPHA, RISK, batch));

    assertThat(sent.executorCores()).isEqualTo(2); // the cluster's default, as a field
    assertThat(sent.executorMemory()).isEqualTo("4g");
    assertThat(sent.numExecutors()).isEqualTo(10);
    assertThat(sent.driverMemory()).isNull(); // nobody set it: Livy's own default
    assertThat(sent.conf().get(Submissions.TAGS_KEY))
        .contains("ym-team-risk")
        .doesNotContain("evil");
  }

  private static SparkBatch batch(
      String driverMemory,
      Integer driverCores,
      String executorMemory,
      Integer executorCores,
      Integer executors,
      Map<String, String> conf) {
    return new SparkBatch(
        "local:/opt/spark/examples/jars/spark-examples.jar",
        "org.apache.spark.examples.SparkPi",
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        driverMemory,
        driverCores,
        executorMemory,
        executorCores,
        executors,
        null,
        null,
        conf);
  }

  private static Job job(SparkBatch batch) {
    JobRequest request =
        new JobRequest(batch, new JobTarget("alpha", List.of(), null, null), JobLabels.NONE);
    return new Job(
        "job-1", "risk", null, "hash", request, T0, 5, 10_418, JobProgress.queued("waiting", T0));
  }
}
