package io.yardmaster.livyfacade;

import static io.yardmaster.livyfacade.LivyCalls.batch;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import io.yardmaster.testing.JobsHarness;
import io.yardmaster.testing.ResponseConformance;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The facade attacked and broken: a database that goes away (503, which the async Livy hook
 * retries, never a 500), and bad numbers, bodies and ids, each a 4xx JSON naming what is wrong.
 */
class LivyFacadeHostileIT {
  static JobsHarness harness;
  static LivyCalls livy;
  static SwitchableDatabase database;
  static String team;
  static int batch;

  @BeforeAll
  static void start() throws Exception {
    harness = JobsHarness.driven(Map.of(SwitchableDatabase.PROPERTY, "true"), List.of());
    livy =
        new LivyCalls(harness.server.getURL() + "/livy", harness.context.getBean(JsonMapper.class));
    database = harness.context.getBean(SwitchableDatabase.class);
    team = harness.teamToken("hostile");
    LivyCalls.Answer made = livy.send("POST", "/batches", team, batch("target", ""));
    assertThat(made.status()).as(made.raw()).isEqualTo(201);
    batch = (Integer) made.body().get("id");
  }

  @AfterEach
  void databaseBack() {
    database.down(false);
  }

  @AfterAll
  static void stop() {
    harness.close();
    assertThat(ResponseConformance.violations()).isEmpty();
  }

  @Test
  void aDatabaseThatIsAwayIsA503WithLivysMsgAndTheFacadeRecovers() throws Exception {
    database.down(true);
    for (String[] call :
        List.of(
            new String[] {"POST", "/batches"},
            new String[] {"GET", "/batches"},
            new String[] {"GET", "/batches/" + batch},
            new String[] {"GET", "/batches/" + batch + "/state"},
            new String[] {"GET", "/batches/" + batch + "/log"},
            new String[] {"DELETE", "/batches/" + batch},
            new String[] {"GET", "/alpha/batches/" + batch})) {
      LivyCalls.Answer answer =
          livy.send(call[0], call[1], team, call[0].equals("POST") ? batch("down", "") : null);
      assertThat(answer.status()).as("%s %s: %s", call[0], call[1], answer.raw()).isEqualTo(503);
      assertThat(answer.body()).containsEntry("code", "UNAVAILABLE").containsKey("msg");
      assertThat(answer.raw()).doesNotContain("Exception").doesNotContain("at io.");
    }
    database.down(false);
    assertThat(livy.get("/batches/" + batch + "/state", team).body())
        .containsEntry("state", "not_started");
    assertThat(livy.get("/batches/" + batch, team).body().get("log"))
        .asList()
        .as("the last lines: the job waits, so a note of ours")
        .isNotEmpty();
  }

  @Test
  void badPagesAreA400NamingTheParameterAndALargeSizeIsCut() throws Exception {
    for (String path : List.of("/batches", "/batches/" + batch + "/log")) {
      for (String[] bad :
          List.of(
              new String[] {"from", "-1"},
              new String[] {"from", "abc"},
              new String[] {"from", "99999999999"},
              new String[] {"from", "%D9%A3"},
              new String[] {"from", "1.5"},
              new String[] {"size", "-5"},
              new String[] {"size", "x"},
              new String[] {"size", "%EF%BC%91"})) {
        LivyCalls.Answer answer = livy.get(path + "?" + bad[0] + "=" + bad[1], team);
        assertThat(answer.status()).as("%s %s=%s", path, bad[0], bad[1]).isEqualTo(400);
        assertThat(answer.body())
            .containsEntry("code", "INVALID_PARAMETER")
            .containsEntry("details", List.of(bad[0]));
        assertThat((String) answer.body().get("msg")).startsWith(bad[0] + ":");
      }
      assertThat(livy.get(path + "?size=100000", team).status()).isEqualTo(200);
      assertThat(livy.get(path + "?from=", team).status()).isEqualTo(400);
    }
    LivyCalls.Answer tail = livy.get("/batches/" + batch + "/log?size=1", team);
    assertThat(tail.body()).containsEntry("total", 1).containsEntry("from", 0);
  }

  @Test
  void badIdsAreA400AndIdsThatCannotExistA404() throws Exception {
    for (String id : List.of("-1", "abc", "1.5", "%D9%A3", "%F0%9F%92%A5", "1e3")) {
      for (String suffix : List.of("", "/state", "/log")) {
        LivyCalls.Answer answer = livy.get("/batches/" + id + suffix, team);
        assertThat(answer.status()).as(id + suffix).isEqualTo(400);
        assertThat(answer.body()).containsEntry("details", List.of("id")).containsKey("msg");
      }
      assertThat(livy.send("DELETE", "/batches/" + id, team, null).status()).isEqualTo(400);
    }
    for (String id : List.of("99999999999", "2147483648", "0")) {
      LivyCalls.Answer answer = livy.get("/batches/" + id, team);
      assertThat(answer.status()).as(id).isEqualTo(404);
      assertThat(answer.body()).containsEntry("code", "JOB_NOT_FOUND");
    }
    // "batches" could be an id or a cluster: the router refuses to guess, in JSON.
    LivyCalls.Answer both = livy.get("/batches/batches", team);
    assertThat(both.status()).as(both.raw()).isEqualTo(400);
    assertThat(both.body()).containsEntry("code", "BAD_REQUEST").containsKey("message");
    String other = harness.teamToken("other-team");
    for (String suffix : List.of("", "/state", "/log")) {
      assertThat(livy.get("/batches/" + batch + suffix, other).status()).isEqualTo(404);
    }
    assertThat(livy.send("DELETE", "/batches/" + batch, other, null).status()).isEqualTo(404);
    assertThat(livy.get("/batches/" + batch + "/state", team).body())
        .containsEntry("state", "not_started");
  }

  @Test
  void bodiesAsTheStockOperatorSendsThemAreTakenAndBadOnesNamed() throws Exception {
    String strings =
        "{\"file\":\"local:/app.jar\",\"className\":\"a.Main\",\"numExecutors\":\"2\","
            + "\"driverCores\":\"1\",\"executorCores\":1.0,\"driverMemory\":\"1g\","
            + "\"conf\":{\"spark.x\":3,\"spark.y\":true}}";
    LivyCalls.Answer taken = livy.send("POST", "/batches", team, strings);
    assertThat(taken.status()).as(taken.raw()).isEqualTo(201);
    String name = "Ünïcødé 日本 ✓";
    LivyCalls.Answer unicode = livy.send("POST", "/batches", team, batch(name, ""));
    assertThat(unicode.status()).as(unicode.raw()).isEqualTo(201);
    assertThat(livy.get("/batches/" + unicode.body().get("id"), team).body())
        .containsEntry("name", name);
    LivyCalls.Answer noCsrfHeader =
        livy.send("POST", "/batches", team, batch("plain", ""), "X-Requested-By", "");
    assertThat(noCsrfHeader.status()).isEqualTo(201);
    LivyCalls.Answer oddCsrfHeader =
        livy.send("POST", "/batches", team, batch("odd", ""), "X-Requested-By", "ÿ-airflow");
    assertThat(oddCsrfHeader.status()).isEqualTo(201);

    Map<String, String> bad =
        Map.of(
            "{\"file\":\"local:/x.jar\",\"bogus\":1}", "bogus",
            "{\"file\":\"local:/x.jar\",\"numExecutors\":\"2.5\"}", "numExecutors",
            "{\"file\":\"local:/x.jar\",\"numExecutors\":\"99999999999\"}", "numExecutors",
            "{\"file\":\"local:/x.jar\",\"driverCores\":[1]}", "driverCores",
            "{\"file\":\"local:/x.jar\",\"conf\":{\"spark.x\":{\"a\":1}}}", "spark.x",
            "{\"file\":\"local:/x.jar\",\"conf\":{\"yardmaster.target.nope\":\"a\"}}",
                "yardmaster.target.nope",
            "{\"file\":", "line 1",
            "[]", "expected START_OBJECT");
    for (Map.Entry<String, String> body : bad.entrySet()) {
      LivyCalls.Answer answer = livy.send("POST", "/batches", team, body.getKey());
      assertThat(answer.status()).as(body.getKey()).isEqualTo(400);
      assertThat((String) answer.body().get("msg")).as(body.getKey()).contains(body.getValue());
    }
    LivyCalls.Answer text =
        livy.send("POST", "/batches", team, "file=x", "Content-Type", "text/plain");
    assertThat(text.status()).isEqualTo(415);
    assertThat(text.body()).containsKey("msg");
  }
}
