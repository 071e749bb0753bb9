package io.yardmaster.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.yardmaster.testing.Jobs;
import io.yardmaster.testing.JobsHarness;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End to end against the simulator's Livy and ResourceManager emulators, served by the same server
 * as on the embedded default: submit to SUCCEEDED, a Livy restart mid-run, a kill, a kill before
 * the app exists. The test runs each pass itself and moves the clock with simulated time.
 */
class SimulatedFleetIT {
  /** Simulated time between passes: spark-submit (5 s) ends within one step. */
  static final Duration STEP = Duration.ofSeconds(5);

  /** Enough steps for any job here to reach any state it will reach (a 60 s app, 5 s submit). */
  static final int MAX_STEPS = 40;

  static JobsHarness harness;
  static String token;

  @BeforeAll
  static void start() {
    harness = JobsHarness.driven(Map.of("yardmaster.jobs.kill-grace", "1s"), List.of());
    token = harness.teamToken("analytics");
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  private static Map<String, Object> job(String id) {
    return harness.getJson("/api/v1/jobs/" + id, token);
  }

  private static String submit(String key) {
    String id = (String) harness.post("/api/v1/jobs", token, key, Jobs.sparkPi(2)).body().get("id");
    harness.submitPass();
    return id;
  }

  /** Passes, a step of time apart, until the job is in {@code state}; fails naming where it is. */
  private static void passUntil(String id, String state) {
    for (int step = 0; step < MAX_STEPS && !state.equals(job(id).get("state")); step++) {
      harness.advance(STEP);
      harness.submitPass();
      harness.trackPass();
    }
    assertThat(job(id).get("state")).as("%s", job(id)).isEqualTo(state);
  }

  @Test
  void aJobRunsToSucceededAndItsYarnAppCarriesTheJobTags() {
    String id = submit("sim-first");
    passUntil(id, "SUCCEEDED");
    Map<String, Object> done = job(id);
    assertThat((String) done.get("applicationId")).startsWith("application_");
    assertThat(done.get("finalStatus")).isEqualTo("livy:success");
    String apps =
        harness.client().retrieve("/sim/alpha/rm/ws/v1/cluster/apps?applicationTags=ym-job-" + id);
    assertThat(apps)
        .contains((String) done.get("applicationId"))
        .contains("ym-team-analytics")
        .contains("ym-dag-daily_risk");
    assertThat(submit("sim-first")).isEqualTo(id);
  }

  @Test
  void aLivyRestartMidRunIsFollowedThroughYarnToTheEnd() {
    String id = submit("sim-restart");
    passUntil(id, "RUNNING");
    harness.peers.restartLivy("alpha");
    String after = submit("sim-after-restart");
    passUntil(id, "SUCCEEDED");
    passUntil(after, "SUCCEEDED");
    assertThat(job(id).get("finalStatus")).isEqualTo("yarn:SUCCEEDED");
    assertThat(job(id).get("applicationId")).isNotEqualTo(job(after).get("applicationId"));
  }

  @Test
  void aKillReachesTheApp() {
    String id = submit("sim-kill");
    passUntil(id, "RUNNING");
    harness.client().exchange(HttpRequest.DELETE("/api/v1/jobs/" + id).bearerAuth(token));
    passUntil(id, "KILLED");
    String app = (String) job(id).get("applicationId");
    assertThat(harness.client().retrieve("/sim/alpha/rm/ws/v1/cluster/apps/" + app + "/state"))
        .contains("KILLED");
  }

  @Test
  void aKillBeforeTheAppExistsEndsKilledAndNoAppEverRuns() {
    String id = submit("sim-kill-early");
    // Sent, and no simulated time has passed: spark-submit still runs, YARN has no app yet.
    assertThat(job(id).get("state")).isEqualTo("STARTING");
    harness.client().exchange(HttpRequest.DELETE("/api/v1/jobs/" + id).bearerAuth(token));
    passUntil(id, "KILLED");

    Map<String, Object> killed = job(id);
    assertThat(killed.get("applicationId")).isNull();
    assertThat(killed.get("finalStatus")).isEqualTo("KILLED");
    assertThat((String) killed.get("diagnostics")).contains("killed before its app started");
    // The spark-submit was cancelled: YARN never gets an app for the job, even later.
    harness.advance(Duration.ofSeconds(120));
    assertThat(
            harness
                .client()
                .retrieve("/sim/alpha/rm/ws/v1/cluster/apps?applicationTags=ym-job-" + id))
        .doesNotContain("application_");
  }
}
