package io.yardmaster.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.yardmaster.jobs.JobState;
import io.yardmaster.jobs.store.JdbcJobStore;
import io.yardmaster.testing.Jobs;
import io.yardmaster.testing.JobsHarness;
import io.yardmaster.web.teams.Team;
import io.yardmaster.web.teams.TeamRepository;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One team's backfill of 5,000 jobs, far beyond its quota, must not hide another team's job: the
 * other team's job starts within one submitter tick, and the backfill's jobs go on waiting behind
 * their own team's quota. (The submitter once read the oldest 500 QUEUED jobs of all teams and
 * sorted them by priority only then, so a backlog of more than 500 blocked every other team.)
 */
class BackfillFairnessIT {
  static final int BACKFILL = 5_000;
  private static JobsHarness harness;

  @BeforeAll
  static void start() {
    // Another replica holds the loops' leases: the test drives the submitter itself.
    harness = JobsHarness.driven(Map.of(), List.of());
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  @Test
  void anotherTeamsJobStartsWithinOneTickOfAFiveThousandJobBackfill() throws Exception {
    TeamRepository teams = harness.context.getBean(TeamRepository.class);
    teams.save(new Team("backfill", "backfill-svc", 500, 3, 100_000, 100_000_000L, Instant.now()));
    String backfill = harness.teamToken("backfill");
    String other = harness.teamToken("latecomer");
    ExecutorService clients = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> posts =
          IntStream.range(0, BACKFILL)
              .mapToObj(
                  i ->
                      clients.submit(
                          () ->
                              harness
                                  .client()
                                  .exchange(
                                      HttpRequest.POST("/api/v1/jobs", Jobs.sparkPi(1))
                                          .bearerAuth(backfill)
                                          .header("Idempotency-Key", "backfill-" + i))))
              .<Future<?>>map(future -> future)
              .toList();
      for (Future<?> post : posts) {
        post.get();
      }
    } finally {
      clients.shutdown();
    }
    JdbcJobStore store = harness.context.getBean(JdbcJobStore.class);
    // The backfill fills its own quota of 3 and waits behind it.
    harness.submitPass();
    assertThat(store.inStates(List.of(JobState.QUEUED), 10_000)).hasSizeGreaterThan(BACKFILL - 10);

    String late =
        (String) harness.post("/api/v1/jobs", other, null, Jobs.sparkPi(1)).body().get("id");
    harness.submitPass();

    assertThat(store.find(late).orElseThrow().state())
        .as("the latecomer's job one tick after it arrived behind a backfill of " + BACKFILL)
        .isNotEqualTo(JobState.QUEUED);
    assertThat(store.activeCounts())
        .filteredOn(count -> count.team().equals("backfill"))
        .extracting(JdbcJobStore.ActiveCount::jobs)
        .containsOnly(3);
    String reason =
        store.queuedHeads(20).stream()
            .filter(job -> job.team().equals("backfill"))
            .skip(1)
            .findFirst()
            .orElseThrow()
            .progress()
            .queueReason();
    assertThat(reason).isEqualTo("behind an earlier job of team backfill that waits for its quota");
  }
}
