package io.yardmaster.livyfacade;

import static io.yardmaster.livyfacade.LivyCalls.batch;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import io.yardmaster.jobs.JobState;
import io.yardmaster.jobs.store.JdbcJobStore;
import io.yardmaster.testing.JobsHarness;
import io.yardmaster.testing.ResponseConformance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /livy/{cluster}/batches}, as a team that had one Livy per cluster configures one URL per
 * cluster, and the list read in a bounded number of queries. Clusters alpha and beta; the test
 * drives the submitter, so a batch waits unrouted until it does.
 */
class LivyClusterPathIT {
  static JobsHarness harness;
  static LivyCalls livy;
  static SwitchableDatabase database;
  static JdbcJobStore jobs;

  @BeforeAll
  static void start() {
    harness = JobsHarness.driven(Map.of(SwitchableDatabase.PROPERTY, "true"), List.of("beta"));
    livy =
        new LivyCalls(harness.server.getURL() + "/livy", harness.context.getBean(JsonMapper.class));
    database = harness.context.getBean(SwitchableDatabase.class);
    jobs = harness.context.getBean(JdbcJobStore.class);
  }

  @AfterAll
  static void stop() {
    harness.close();
    assertThat(ResponseConformance.violations()).isEmpty();
  }

  static int submit(String path, String token, String body) throws Exception {
    LivyCalls.Answer answer = livy.send("POST", path, token, body);
    assertThat(answer.status()).as(answer.raw()).isEqualTo(201);
    return (Integer) answer.body().get("id");
  }

  static String jobOf(int id, String token) throws Exception {
    return (String) livy.get("/batches/" + id, token).body().get("yardmasterJobId");
  }

  @Test
  void aBatchOnAClusterPathRunsThereAndIsSeenOnlyUnderThatCluster() throws Exception {
    String team = harness.teamToken("paths");
    int onBeta = submit("/beta/batches", team, batch("on-beta", ""));
    int onAlpha =
        submit("/batches", team, batch("on-alpha", "\"yardmaster.target.cluster\":\"alpha\""));
    assertThat(jobs.find(jobOf(onBeta, team)).orElseThrow().request().target().cluster())
        .isEqualTo("beta");

    // Not routed yet: the batch is beta's by its target alone.
    LivyCalls.Answer shown = livy.get("/beta/batches/" + onBeta, team);
    assertThat(shown.status()).as(shown.raw()).isEqualTo(200);
    assertThat(shown.body()).containsEntry("id", onBeta).containsEntry("state", "not_started");
    assertThat(livy.get("/batches/" + onBeta, team).status())
        .as("same id, plain path")
        .isEqualTo(200);
    assertThat(ids(livy.get("/beta/batches", team))).containsExactly(onBeta);
    assertThat(ids(livy.get("/alpha/batches", team))).containsExactly(onAlpha);
    for (String path : List.of("", "/state", "/log")) {
      LivyCalls.Answer elsewhere = livy.get("/alpha/batches/" + onBeta + path, team);
      assertThat(elsewhere.status()).as(path).isEqualTo(404);
      assertThat(elsewhere.body()).containsKey("msg").containsEntry("code", "JOB_NOT_FOUND");
    }
    assertThat(livy.send("DELETE", "/alpha/batches/" + onBeta, team, null).status()).isEqualTo(404);

    // Routed: the batch is beta's by where it runs.
    harness.probe();
    harness.submitPass();
    assertThat(jobs.find(jobOf(onBeta, team)).orElseThrow().progress().cluster()).isEqualTo("beta");
    assertThat(jobs.find(jobOf(onAlpha, team)).orElseThrow().progress().cluster())
        .isEqualTo("alpha");
    assertThat(ids(livy.get("/beta/batches", team))).containsExactly(onBeta);
    assertThat(ids(livy.get("/alpha/batches", team))).containsExactly(onAlpha);
    assertThat(livy.get("/alpha/batches/" + onAlpha + "/state", team).body())
        .containsEntry("state", "starting");
    LivyCalls.Answer log = livy.get("/beta/batches/" + onBeta + "/log?from=0&size=100", team);
    assertThat(log.status()).isEqualTo(200);
    assertThat(log.body()).containsKeys("id", "from", "total", "log");

    LivyCalls.Answer kill = livy.send("DELETE", "/beta/batches/" + onBeta, team, null);
    assertThat(kill.status()).isEqualTo(200);
    assertThat(kill.body()).containsEntry("msg", "deleted");
    assertThat(livy.get("/beta/batches/" + onBeta + "/state", team).body().get("state"))
        .isIn("shutting_down", "killed");
    assertThat(jobs.find(jobOf(onBeta, team)).orElseThrow().progress().killRequested()).isTrue();
  }

  @Test
  void theTargetOfAClusterPathIsThePathsAndAnUnknownClusterIsA404() throws Exception {
    String team = harness.teamToken("pinned");
    LivyCalls.Answer other =
        livy.send(
            "POST", "/beta/batches", team, batch("x", "\"yardmaster.target.cluster\":\"alpha\""));
    assertThat(other.status()).isEqualTo(400);
    assertThat((String) other.body().get("msg")).contains("conf.yardmaster.target.cluster");
    LivyCalls.Answer tags =
        livy.send("POST", "/beta/batches", team, batch("x", "\"yardmaster.target.tags\":\"a\""));
    assertThat(tags.status()).isEqualTo(400);
    assertThat((String) tags.body().get("msg")).contains("conf.yardmaster.target.tags");
    submit("/beta/batches", team, batch("same", "\"yardmaster.target.cluster\":\"beta\""));

    int theirs = submit("/beta/batches", harness.teamToken("others"), batch("theirs", ""));
    assertThat(livy.get("/beta/batches/" + theirs, team).status()).isEqualTo(404);
    assertThat(ids(livy.get("/beta/batches", team))).doesNotContain(theirs);

    for (String cluster : List.of("nope", "%C3%A5lpha", "batches-")) {
      for (String[] call :
          List.of(
              new String[] {"GET", ""},
              new String[] {"POST", ""},
              new String[] {"GET", "/" + theirs},
              new String[] {"GET", "/" + theirs + "/state"},
              new String[] {"GET", "/" + theirs + "/log"},
              new String[] {"DELETE", "/" + theirs})) {
        LivyCalls.Answer answer =
            livy.send(
                call[0],
                "/" + cluster + "/batches" + call[1],
                team,
                call[0].equals("POST") ? batch("x", "") : null);
        assertThat(answer.status()).as("%s %s %s", call[0], cluster, call[1]).isEqualTo(404);
        assertThat(answer.body()).containsKey("msg").containsEntry("code", "CLUSTER_NOT_FOUND");
      }
    }
  }

  @Test
  void aPageOfHundredsOfBatchesIsRightAndReadInTwoQueries() throws Exception {
    String team = harness.teamToken("many");
    List<Integer> all = new ArrayList<>();
    List<Integer> beta = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      boolean onBeta = i % 3 == 2;
      int id = submit(onBeta ? "/beta/batches" : "/alpha/batches", team, batch("many-" + i, ""));
      all.add(id);
      if (onBeta) {
        beta.add(id);
      }
    }
    int before = database.mark();
    LivyCalls.Answer page = livy.get("/batches?from=0&size=1000", team);
    List<String> statements = database.requestStatementsSince(before);
    assertThat(page.body()).containsEntry("from", 0).containsEntry("total", 300);
    assertThat(ids(page)).containsExactlyElementsOf(all);
    for (int i = 0; i < 300; i++) {
      Map<String, Object> session = page.sessions().get(i);
      assertThat(session.get("name")).isEqualTo("many-" + i);
      assertThat(session).containsEntry("state", "not_started").containsEntry("owner", "many");
      assertThat(jobs.find((String) session.get("yardmasterJobId")).orElseThrow().state())
          .isEqualTo(JobState.QUEUED);
    }
    before = database.mark();
    LivyCalls.Answer small = livy.get("/batches?from=0&size=3", team);
    assertThat(ids(small)).containsExactlyElementsOf(all.subList(0, 3));
    assertThat(statements)
        .as("statements for 300 batches (one per batch would be 300 more)")
        .isNotEmpty()
        .allMatch(sql -> sql.contains("livy_batch") || sql.contains("FROM job"))
        .hasSizeLessThanOrEqualTo(2)
        .hasSameSizeAs(database.requestStatementsSince(before));

    LivyCalls.Answer middle = livy.get("/batches?from=250&size=100", team);
    assertThat(middle.body()).containsEntry("from", 250).containsEntry("total", 300);
    assertThat(ids(middle)).containsExactlyElementsOf(all.subList(250, 300));
    LivyCalls.Answer onBeta = livy.get("/beta/batches?from=10&size=1000", team);
    assertThat(onBeta.body()).containsEntry("total", 100);
    assertThat(ids(onBeta)).containsExactlyElementsOf(beta.subList(10, 100));
    LivyCalls.Answer past = livy.get("/alpha/batches?from=5000", team);
    assertThat(past.body()).containsEntry("total", 200).containsEntry("from", 5000);
    assertThat(past.sessions()).isEmpty();
    LivyCalls.Answer capped = livy.get("/batches?size=100000", team);
    assertThat(capped.status()).isEqualTo(200);
    assertThat(capped.sessions()).hasSize(300);
    LivyCalls.Answer none = livy.get("/batches?size=0", team);
    assertThat(none.body()).containsEntry("total", 300);
    assertThat(none.sessions()).isEmpty();
  }

  static List<Integer> ids(LivyCalls.Answer page) {
    assertThat(page.status()).as(page.raw()).isEqualTo(200);
    return page.sessions().stream().map(session -> (Integer) session.get("id")).toList();
  }
}
