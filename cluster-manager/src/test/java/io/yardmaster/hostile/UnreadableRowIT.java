package io.yardmaster.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.yardmaster.jobs.Job;
import io.yardmaster.jobs.JobState;
import io.yardmaster.jobs.store.JdbcJobStore;
import io.yardmaster.testing.Jobs;
import io.yardmaster.testing.JobsHarness;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One bad row never stops a loop: a job whose stored request no longer reads (a hand edit, a
 * half-applied migration) is failed with a reason, and the jobs queued beside it are still sent.
 */
class UnreadableRowIT {
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
  void aJobWhoseRequestCannotBeReadFailsAndTheOthersAreSent() throws Exception {
    String team = harness.teamToken("careless");
    String broken =
        (String) harness.post("/api/v1/jobs", team, "bad-row", Jobs.sparkPi(1)).body().get("id");
    String fine =
        (String) harness.post("/api/v1/jobs", team, "good-row", Jobs.sparkPi(1)).body().get("id");
    overwriteRequest(broken, "{\"batch\": {\"file\": ");

    harness.submitPass();

    JdbcJobStore store = harness.context.getBean(JdbcJobStore.class);
    Job failed = store.find(broken).orElseThrow();
    assertThat(failed.state()).isEqualTo(JobState.FAILED);
    assertThat(failed.progress().finalStatus()).isEqualTo("UNREADABLE");
    assertThat(failed.progress().diagnostics()).contains("cannot be read");
    assertThat(harness.peers.createdFor(broken)).isEmpty();
    assertThat(store.find(fine).orElseThrow().state()).isEqualTo(JobState.STARTING);
    assertThat(harness.peers.createdFor(fine)).hasSize(1);
    // The API still answers for the broken job, with what is known of it.
    assertThat(harness.getJson("/api/v1/jobs/" + broken, team))
        .containsEntry("state", "FAILED")
        .containsEntry("finalStatus", "UNREADABLE");
    assertThat(harness.getJson("/api/v1/jobs?state=FAILED", team).toString()).contains(broken);
  }

  private static void overwriteRequest(String id, String json) throws Exception {
    try (Connection connection =
            DelegatingDataSource.unwrapDataSource(
                    harness.context.getBean(javax.sql.DataSource.class))
                .getConnection();
        PreparedStatement update =
            connection.prepareStatement("UPDATE job SET request = ? WHERE id = ?")) {
      update.setString(1, json);
      update.setString(2, id);
      assertThat(update.executeUpdate()).isEqualTo(1);
    }
  }
}
