package io.yardmaster.jobs.admission;

import static io.yardmaster.testing.StoredJobs.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.yardmaster.core.registry.ClusterRegistry;
import io.yardmaster.jobs.Job;
import io.yardmaster.jobs.JobState;
import io.yardmaster.jobs.store.JdbcJobStore.ActiveCount;
import io.yardmaster.load.ClusterUsage;
import io.yardmaster.testing.StoredJobs;
import io.yardmaster.testing.TestClusters;
import io.yardmaster.web.teams.Team;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** One submitter pass's admission: fair order across teams, quotas, cluster caps, loads. */
class AdmissionTest {
  private final ClusterRegistry registry =
      new ClusterRegistry(
          List.of(TestClusters.capped("alpha", 2, 3), TestClusters.capped("beta", 20, 1000)),
          List.of());

  private static Team team(String name, int priority, int jobs, int cores, long memoryMb) {
    return new Team(name, name + "-svc", priority, jobs, cores, memoryMb, T0);
  }

  private static Job job(String id, String team, int secondsAfterT0) {
    return StoredJobs.queued(id, team, T0.plusSeconds(secondsAfterT0), 5, 10_000);
  }

  private Admission admission(List<ActiveCount> counts, Map<String, ClusterUsage> usage) {
    return new Admission(
        registry,
        Map.of(
            "risk", team("risk", 100, 10, 100, 1_000_000),
            "ml", team("ml", 100, 10, 100, 1_000_000),
            "ops", team("ops", 200, 10, 100, 1_000_000),
            "tiny", team("tiny", 100, 1, 12, 15_000)),
        counts,
        usage);
  }

  @Test
  void higherPriorityFirstThenTeamsTakeTurnsThenOldestFirst() {
    List<Job> queued =
        List.of(
            job("r1", "risk", 0),
            job("r2", "risk", 1),
            job("r3", "risk", 2),
            job("m1", "ml", 3),
            job("o1", "ops", 9),
            job("m2", "ml", 4));
    assertThat(admission(List.of(), Map.of()).inFairOrder(queued))
        .extracting(Job::id)
        .containsExactly("o1", "r1", "m1", "r2", "m2", "r3");
  }

  @Test
  void aTeamAtItsJobQuotaWaitsAndItsLaterJobsWaitBehindIt() {
    Admission admission =
        admission(
            List.of(new ActiveCount("alpha", "tiny", JobState.RUNNING, 1, 5, 10_000)), Map.of());
    assertThat(admission.blocker(job("t1", "tiny", 0), "beta"))
        .hasValue("team tiny has 1 jobs active (quota max-running-jobs 1)");
    assertThat(admission.blocker(job("t2", "tiny", 1), "beta"))
        .hasValue("behind an earlier job of team tiny that waits for its quota");
    assertThat(admission.blocker(job("r1", "risk", 2), "beta")).isEmpty();
  }

  @Test
  void coresAndMemoryQuotasCountWhatIsActiveAndWhatThisPassAdmitted() {
    Admission cores = admission(List.of(), Map.of());
    Job first = job("t1", "tiny", 0);
    assertThat(cores.blocker(first, "beta")).isEmpty();
    cores.admitted(first, "beta");
    // The team's one job slot is now taken too, so the job quota speaks first.
    assertThat(cores.blocker(job("t2", "tiny", 1), "beta"))
        .hasValueSatisfying(reason -> assertThat(reason).contains("max-running-jobs 1"));

    Admission memory =
        new Admission(
            registry,
            Map.of("big", team("big", 100, 10, 12, 15_000)),
            List.of(new ActiveCount("beta", "big", JobState.RUNNING, 1, 5, 10_000)),
            Map.of());
    assertThat(memory.blocker(job("b1", "big", 0), "beta"))
        .hasValue(
            "team big has 10000 MB active and this job needs 10000 MB (quota max-memory-mb 15000)");
    Admission cpu =
        new Admission(
            registry,
            Map.of("big", team("big", 100, 10, 12, 1_000_000)),
            List.of(new ActiveCount("beta", "big", JobState.STARTING, 2, 10, 20_000)),
            Map.of());
    assertThat(cpu.blocker(job("b1", "big", 0), "beta"))
        .hasValue("team big has 10 cores active and this job needs 5 (quota max-cores 12)");
  }

  @Test
  void aClusterTakesNoMoreThanItsStartingAndRunningCaps() {
    Admission admission =
        admission(
            List.of(new ActiveCount("alpha", "ml", JobState.STARTING, 1, 5, 10_000)), Map.of());
    Job next = job("r1", "risk", 0);
    assertThat(admission.blocker(next, "alpha")).isEmpty();
    admission.admitted(next, "alpha");
    assertThat(admission.blocker(job("r2", "risk", 1), "alpha"))
        .hasValue("cluster alpha has 2 batches starting (max-starting-batches 2)");
    assertThat(admission.blocker(job("r2", "risk", 1), "beta")).isEmpty();

    Admission full =
        admission(
            List.of(new ActiveCount("alpha", "ml", JobState.RUNNING, 3, 15, 30_000)), Map.of());
    assertThat(full.blocker(job("r3", "risk", 2), "alpha"))
        .hasValue("cluster alpha has 3 jobs active (max-running-jobs 3)");
  }

  @Test
  void anUnknownTeamWaitsSayingSo() {
    assertThat(admission(List.of(), Map.of()).blocker(job("x1", "ghosts", 0), "alpha"))
        .hasValue("team ghosts is not configured");
    assertThat(admission(List.of(), Map.of()).team("ghosts")).isNull();
  }

  @Test
  void aClustersLoadIsItsReadingPlusWhatIsStartingThereAndItsActiveJobs() {
    ClusterUsage half = new ClusterUsage(50_000, 100_000, 10, 100, 0, T0);
    Admission admission =
        admission(
            List.of(
                new ActiveCount("alpha", "ml", JobState.STARTING, 1, 5, 10_000),
                new ActiveCount("alpha", "risk", JobState.RUNNING, 2, 10, 20_000)),
            Map.of("alpha", half));
    Map<String, Routing.Load> loads = admission.loads();
    // The RM's reading does not show the starting job yet: its memory is added.
    assertThat(loads.get("alpha").utilisation()).hasValue(0.6);
    assertThat(loads.get("alpha").activeJobs()).isEqualTo(3);
    assertThat(loads.get("beta").utilisation()).isEqualTo(OptionalDouble.empty());
    assertThat(loads.get("beta").activeJobs()).isZero();

    admission.admitted(job("r1", "risk", 0), "alpha");
    assertThat(admission.loads().get("alpha").utilisation()).hasValue(0.7);
    assertThat(admission.loads().get("alpha").activeJobs()).isEqualTo(4);
  }
}
