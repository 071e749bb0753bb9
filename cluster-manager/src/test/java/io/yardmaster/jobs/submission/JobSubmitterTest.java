package io.yardmaster.jobs.submission;

import static io.yardmaster.testing.StoredJobs.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.yardmaster.backend.BatchState;
import io.yardmaster.backend.BatchStatus;
import io.yardmaster.clusters.ClusterStateRepository;
import io.yardmaster.jobs.Job;
import io.yardmaster.jobs.JobState;
import io.yardmaster.jobs.JobsConfig;
import io.yardmaster.jobs.policy.JobPolicy;
import io.yardmaster.load.ClusterLoad;
import io.yardmaster.testing.JobStoreContext;
import io.yardmaster.testing.MutableClock;
import io.yardmaster.testing.ScriptedBackend;
import io.yardmaster.testing.StoredJobs;
import io.yardmaster.web.teams.TeamRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One pass of the outbox's sender on a real job store, with Livy and YARN scripted: a job is sent
 * once; a job this process cannot prove unsent is looked up first, in one query for the whole
 * batch; one job's failure stays with that job. Each test has its own database and a fresh process
 * memory (nothing proven unsent), as after a restart.
 */
class JobSubmitterTest {
  private static final Instant NOW = T0.plusSeconds(60);
  private JobStoreContext db;
  private ScriptedBackend backend;
  private JobSubmitter submitter;
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  @BeforeEach
  void fresh() {
    db = new JobStoreContext();
    backend = new ScriptedBackend();
    NeverSent neverSent = new NeverSent();
    LivyCircuitBreaker breaker = db.context.getBean(LivyCircuitBreaker.class);
    submitter =
        new JobSubmitter(
            db.store,
            db.context.getBean(JobPolicy.class),
            db.registry,
            db.context.getBean(ClusterStateRepository.class),
            db.context.getBean(TeamRepository.class),
            new SubmissionRecovery(db.store, backend, db.registry, neverSent),
            breaker,
            db.context.getBean(ClusterLoad.class),
            neverSent,
            new PriorSubmissions(backend),
            new BatchSender(db.store, backend, breaker, neverSent, new MutableClock(NOW), meters),
            JobsConfig.DEFAULTS);
  }

  @AfterEach
  void stop() {
    db.close();
  }

  @Test
  void aQueuedJobIsSentOnceAndTheNextPassSendsNothing() {
    Job job = queued(0);

    assertThat(submitter.runOnce(NOW)).isEqualTo(1);
    assertThat(submitter.runOnce(NOW.plusSeconds(1))).isZero();

    assertThat(backend.submitted).hasSize(1);
    assertThat(backend.submitted.get(0).name()).isEqualTo(job.livyName());
    assertThat(backend.submitted.get(0).proxyUser()).isEqualTo("risk-svc");
    Job sent = db.store.find(job.id()).orElseThrow();
    assertThat(sent.state()).isEqualTo(JobState.STARTING);
    assertThat(sent.progress().cluster()).isEqualTo("alpha");
    Timer latency = meters.get("yardmaster.job.submission").tag("cluster", "alpha").timer();
    assertThat(latency.count()).isEqualTo(1);
    assertThat(latency.totalTime(TimeUnit.SECONDS)).isEqualTo(60.0); // accepted at T0, sent at NOW
  }

  @Test
  void aQueuedJobWhoseBatchExistsIsAdoptedNotSentAgain() {
    Job job = queued(0);
    // The database lost the write that recorded the batch: Livy has it under the job's name.
    backend.batches.add(
        new BatchStatus(0, job.livyName(), BatchState.RUNNING, "application_1_0001", null, null));

    assertThat(submitter.runOnce(NOW)).isZero();

    assertThat(backend.submitted).isEmpty();
    Job adopted = db.store.find(job.id()).orElseThrow();
    assertThat(adopted.state()).isEqualTo(JobState.RUNNING);
    assertThat(adopted.progress().livyBatchId()).isZero();
    assertThat(adopted.progress().appId()).isEqualTo("application_1_0001");
  }

  @Test
  void aBatchOfUnprovenJobsCostsOneLookUpAndTheTeamsLimitHoldsTheRest() {
    List<Job> jobs = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      jobs.add(queued(i));
    }

    int sent = submitter.runOnce(NOW);

    // One Livy list and one YARN query for the team's twenty heads of line, not one per job.
    assertThat(backend.batchPagesRead).isEqualTo(1);
    assertThat(backend.tagQueries).containsExactly("alpha " + JobSubmitter.PER_TEAM);
    assertThat(sent).isEqualTo(10); // team risk may run 10 jobs at once
    assertThat(backend.submitted).hasSize(10);
    List<Job> waiting =
        jobs.stream()
            .map(job -> db.store.find(job.id()).orElseThrow())
            .filter(job -> job.state() == JobState.QUEUED)
            .toList();
    assertThat(waiting).hasSize(20);
    assertThat(waiting.get(0).progress().queueReason()).containsIgnoringCase("risk");
  }

  @Test
  void aJobWhoseSendingBreaksStaysWithThatJobAndTheOthersAreSent() {
    Job broken = queued(0);
    Job fine = queued(1);
    backend.brokenNames.add(broken.livyName());

    assertThat(submitter.runOnce(NOW)).isEqualTo(1);

    assertThat(db.store.find(fine.id()).orElseThrow().state()).isEqualTo(JobState.STARTING);
    // Claimed before Livy was called: recovery looks for its batch once its lease is over.
    assertThat(db.store.find(broken.id()).orElseThrow().state()).isEqualTo(JobState.SUBMITTING);
    assertThat(backend.submitted).extracting(s -> s.name()).containsExactly(fine.livyName());
  }

  /** A QUEUED job of team risk on alpha; the pass takes them in this order (oldest, by id). */
  private Job queued(int i) {
    Job job = StoredJobs.queued(new UUID(0, i).toString(), "risk", T0.plusMillis(i), 5, 10_418);
    assertThat(db.store.insert(job)).isTrue();
    return job;
  }
}
