package io.yardmaster.livyfacade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yardmaster.jobs.Job;
import io.yardmaster.jobs.JobProgress;
import io.yardmaster.jobs.JobState;
import io.yardmaster.jobs.api.JobRequest;
import io.yardmaster.jobs.api.JobTarget;
import io.yardmaster.web.errors.ApiException;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LivyRequestsTest {
  private static LivyBatchRequest livy(Object executors, Map<String, Object> conf) {
    return new LivyBatchRequest(
        "local:/app.jar",
        "a.Main",
        List.of("1"),
        null,
        null,
        null,
        null,
        "1g",
        "1",
        "2g",
        2,
        executors,
        "default",
        "nightly",
        conf,
        null);
  }

  @Test
  void countsMayBeStringsAndConfValuesBecomeStrings() {
    Map<String, Object> conf = new LinkedHashMap<>();
    conf.put("spark.executor.instances", 4);
    conf.put("spark.dynamicAllocation.enabled", false);
    conf.put("spark.memory.fraction", 0.6);
    JobRequest job = LivyRequests.toJob(livy("3", conf), null);
    assertThat(job.batch().numExecutors()).isEqualTo(3);
    assertThat(job.batch().driverCores()).isEqualTo(1);
    assertThat(job.batch().executorCores()).isEqualTo(2);
    assertThat(job.batch().conf())
        .containsEntry("spark.executor.instances", "4")
        .containsEntry("spark.dynamicAllocation.enabled", "false")
        .containsEntry("spark.memory.fraction", "0.6");
    assertThat(job.target()).isEqualTo(JobTarget.ANY);
  }

  @Test
  void targetKeysInConfChooseTheClusterAndAreNotSparkConf() {
    Map<String, Object> conf = new LinkedHashMap<>();
    conf.put(LivyRequests.TARGET_TAGS, "batch, spark3");
    conf.put(LivyRequests.TARGET_SPARK_VERSION, "3.5");
    conf.put("spark.x", "y");
    JobTarget fallback = new JobTarget("alpha", List.of(), null, null);
    JobRequest job = LivyRequests.toJob(livy(2, conf), fallback);
    assertThat(job.target().tags()).containsExactly("batch", "spark3");
    assertThat(job.target().sparkVersion()).isEqualTo("3.5");
    assertThat(job.target().cluster()).isNull();
    assertThat(job.batch().conf()).containsOnlyKeys("spark.x");
    assertThat(LivyRequests.toJob(livy(2, Map.of("spark.x", "y")), fallback).target())
        .isEqualTo(fallback);
  }

  @Test
  void badCountsConfValuesAndUnknownTargetKeysAreNamed() {
    Map<String, Object> conf = new LinkedHashMap<>();
    conf.put("spark.a", Map.of("nested", 1));
    conf.put("yardmaster.target.clustr", "alpha");
    assertThatThrownBy(() -> LivyRequests.toJob(livy("two", conf), null))
        .isInstanceOfSatisfying(
            ApiException.class,
            e ->
                assertThat(e.error().details())
                    .anyMatch(d -> d.startsWith("numExecutors:"))
                    .anyMatch(d -> d.startsWith("conf.spark.a:"))
                    .anyMatch(d -> d.startsWith("conf.yardmaster.target.clustr:")));
    assertThatThrownBy(() -> LivyRequests.toJob(livy(2.5, Map.of()), null))
        .isInstanceOf(ApiException.class);
    assertThatThrownBy(() -> LivyRequests.toJob(livy(true, Map.of()), null))
        .isInstanceOf(ApiException.class);
  }

  @Test
  void everyJobStateIsExactlyOneLivyBatchState() {
    Set<String> livy =
        Set.of(
            "not_started",
            "starting",
            "running",
            "idle",
            "busy",
            "shutting_down",
            "error",
            "dead",
            "killed",
            "success");
    Set<String> seen = new HashSet<>();
    Instant now = Instant.parse("2026-12-02T00:00:00Z");
    for (JobState state : JobState.values()) {
      for (boolean killing : List.of(false, true)) {
        JobProgress progress =
            new JobProgress(
                state, null, null, null, null, null, null, null, null, null, null, null, 0, killing,
                null, null, null, null, null, null, now, 0);
        Job job =
            new Job(
                "j",
                "t",
                null,
                "h",
                LivyRequests.toJob(livy(1, Map.of()), null),
                now,
                1,
                1,
                progress);
        String mapped = LivyStates.of(job);
        assertThat(livy).as("%s", state).contains(mapped);
        seen.add(mapped);
      }
    }
    assertThat(LivyStates.of(jobIn(JobState.SUCCEEDED, now))).isEqualTo("success");
    assertThat(LivyStates.of(jobIn(JobState.FAILED, now))).isEqualTo("dead");
    assertThat(LivyStates.of(jobIn(JobState.KILLED, now))).isEqualTo("killed");
    assertThat(LivyStates.of(jobIn(JobState.RUNNING, now))).isEqualTo("running");
    assertThat(seen).doesNotContain("recovering");
  }

  private static Job jobIn(JobState state, Instant now) {
    JobProgress progress =
        new JobProgress(
            state, null, null, null, null, null, null, null, null, null, null, null, 0, false, null,
            null, null, null, null, null, now, 0);
    return new Job(
        "j", "t", null, "h", LivyRequests.toJob(livy(1, Map.of()), null), now, 1, 1, progress);
  }

  @Test
  void aClusterPathPinsTheTargetAndTargetKeysMayOnlyRepeatIt() {
    JobTarget fallback = new JobTarget(null, List.of("batch"), null, "3.5");
    JobRequest pinned = LivyRequests.toJob(livy(1, Map.of()), fallback, "beta");
    assertThat(pinned.target()).isEqualTo(new JobTarget("beta", List.of(), null, null));
    assertThat(
            LivyRequests.toJob(
                    livy(1, Map.of(LivyRequests.TARGET_CLUSTER, "beta")), fallback, "beta")
                .target()
                .cluster())
        .isEqualTo("beta");
    assertThatThrownBy(
            () ->
                LivyRequests.toJob(
                    livy(1, Map.of(LivyRequests.TARGET_CLUSTER, "alpha")), null, "beta"))
        .isInstanceOfSatisfying(
            ApiException.class,
            e ->
                assertThat(e.error().details())
                    .anyMatch(d -> d.startsWith("conf." + LivyRequests.TARGET_CLUSTER)));
    assertThatThrownBy(
            () -> LivyRequests.toJob(livy(1, Map.of(LivyRequests.TARGET_TAGS, "a")), null, "beta"))
        .isInstanceOf(ApiException.class);
  }

  @Test
  void anIntegralNumberIsACountAsJacksonTakesItOnLivy() {
    assertThat(LivyRequests.toJob(livy(2.0, Map.of()), null).batch().numExecutors()).isEqualTo(2);
    assertThatThrownBy(() -> LivyRequests.toJob(livy(Double.NaN, Map.of()), null))
        .isInstanceOf(ApiException.class);
    assertThatThrownBy(() -> LivyRequests.toJob(livy(1e12, Map.of()), null))
        .isInstanceOf(ApiException.class);
  }
}
