package io.yardmaster.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.yardmaster.jobs.Job;
import io.yardmaster.jobs.JobState;
import io.yardmaster.jobs.store.JdbcJobStore;
import io.yardmaster.jobs.submission.NeverSent;
import io.yardmaster.testing.Jobs;
import io.yardmaster.testing.JobsHarness;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Defence in depth against a database that loses its latest commits (H2 with a write delay,
 * PostgreSQL with synchronous_commit=off, a fail-over to a lagging replica): a job whose Livy batch
 * exists but whose row went back to QUEUED, as if never sent, is found by its name and tag before
 * it is sent, and adopted: one batch, never two.
 */
class LostWriteIT {
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
  void aJobWhoseSubmissionTheDatabaseForgotIsAdoptedNotSentAgain() throws Exception {
    String team = harness.teamToken("forgetful");
    String id =
        (String) harness.post("/api/v1/jobs", team, "lost-1", Jobs.sparkPi(1)).body().get("id");
    JdbcJobStore store = harness.context.getBean(JdbcJobStore.class);
    harness.submitPass();
    Job sent = store.find(id).orElseThrow();
    assertThat(sent.state()).isEqualTo(JobState.STARTING);
    assertThat(harness.peers.createdFor(id)).hasSize(1);

    // The database loses the writes after the insert; this process restarts, knowing nothing.
    forgetEverythingButTheInsert(id);
    harness.context.getBean(NeverSent.class).claimed(id);
    harness.submitPass();

    Job adopted = store.find(id).orElseThrow();
    assertThat(harness.peers.createdFor(id)).as("Livy batches of the job").hasSize(1);
    assertThat(adopted.state()).isIn(JobState.STARTING, JobState.RUNNING);
    assertThat(adopted.progress().livyBatchId()).isEqualTo(sent.progress().livyBatchId());
    assertThat(adopted.progress().routingReason()).contains("after a lost write");
  }

  @Test
  void aJobThisProcessStoredIsSentWithoutALookup() {
    String team = harness.teamToken("fresh");
    long lists = harness.peers.calls("alpha", "livy", "GET /batches");
    String id =
        (String) harness.post("/api/v1/jobs", team, "fresh-1", Jobs.sparkPi(1)).body().get("id");
    harness.submitPass();
    assertThat(harness.peers.createdFor(id)).hasSize(1);
    assertThat(harness.peers.calls("alpha", "livy", "GET /batches"))
        .as("Livy list calls to send a proven-new job")
        .isEqualTo(lists);
  }

  private static void forgetEverythingButTheInsert(String id) throws Exception {
    DataSource dataSource = harness.context.getBean(DataSource.class);
    try (Connection connection =
            io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(
                    dataSource)
                .getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE job SET state = 'QUEUED', cluster = NULL, routing_reason = NULL,"
                    + " livy_batch_id = NULL, livy_name = NULL, app_id = NULL, attempts = 0,"
                    + " lease_until = NULL, submitting_at = NULL, starting_at = NULL,"
                    + " version = 0 WHERE id = ?")) {
      update.setString(1, id);
      assertThat(update.executeUpdate()).isEqualTo(1);
    }
  }
}
