package io.yardmaster.simulator.contract;

import static io.yardmaster.simulator.contract.JsonHttp.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The Livy batch API as Yardmaster and Airflow use it, run against a real Livy 0.7.1 (Spark 3.5 on
 * YARN) and against the simulator's emulator: status codes, field names, state names and their
 * order, and error bodies must agree.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class LivyBatchContract {
  static final Set<String> BATCH_FIELDS =
      Set.of("id", "name", "owner", "proxyUser", "state", "appId", "appInfo", "log");
  static final List<String> SUCCESS_PROGRESSION =
      List.of("not_started", "starting", "running", "success");
  static final List<String> FAILURE_PROGRESSION =
      List.of("not_started", "starting", "running", "dead");
  static final Duration BATCH_TIMEOUT = Duration.ofMinutes(4);

  final JsonHttp http = new JsonHttp();
  LivyTarget target;
  String userTag;
  JsonHttp.Reply created;
  BatchWatch succeeding;
  BatchWatch failing;

  /** Starts (or connects to) the Livy under test; closed after the class. */
  abstract LivyTarget openTarget();

  @BeforeAll
  void startTargetAndSubmit() {
    target = openTarget();
    userTag = ("ym-team-" + UUID.randomUUID().toString().substring(0, 6)).toLowerCase(Locale.ROOT);
    created = http.post(batches(""), JsonHttp.json(target.batch(LivyJob.SUCCEEDS, userTag)));
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    succeeding = BatchWatch.start(http, batches(""), created.json().get("id").asInt());
    failing = BatchWatch.start(http, batches(""), submit(LivyJob.FAILS));
  }

  @AfterAll
  void stopTarget() {
    if (target != null) {
      target.close();
    }
  }

  @Test
  @Order(1)
  void createAnswers201WithTheBatch() {
    JsonNode batch = created.json();
    assertThat(fieldNames(batch)).containsExactlyInAnyOrderElementsOf(BATCH_FIELDS);
    assertThat(batch.get("id").isInt()).isTrue();
    assertThat(fieldNames(batch.get("appInfo"))).containsExactly("driverLogUrl", "sparkUiUrl");
    assertThat(batch.get("state").asText()).isIn(SUCCESS_PROGRESSION);
    assertThat(batch.get("log").isArray()).isTrue();
  }

  @Test
  @Order(2)
  void listPagesWithFromTotalAndSessions() {
    JsonHttp.Reply all = http.get(batches(""));
    assertThat(all.status()).as("%s", all).isEqualTo(200);
    assertThat(fieldNames(all.json())).containsExactlyInAnyOrder("from", "total", "sessions");
    int total = all.json().get("total").asInt();
    assertThat(total).isGreaterThanOrEqualTo(2);
    assertThat(all.json().get("sessions").size()).isEqualTo(total);
    for (JsonNode session : all.json().get("sessions")) {
      assertThat(fieldNames(session)).containsExactlyInAnyOrderElementsOf(BATCH_FIELDS);
    }
    JsonHttp.Reply page = http.get(batches("?from=1&size=1"));
    assertThat(page.status()).as("%s", page).isEqualTo(200);
    assertThat(page.json().get("from").asInt()).isEqualTo(1);
    assertThat(page.json().get("total").asInt()).isEqualTo(total);
    assertThat(page.json().get("sessions").size()).isEqualTo(1);
    assertThat(page.json().get("sessions").get(0).get("id").asInt())
        .isEqualTo(all.json().get("sessions").get(1).get("id").asInt());
  }

  @Test
  @Order(3)
  void batchStateAndLogAreReadById() {
    int id = succeeding.id();
    JsonHttp.Reply batch = http.get(batches("/" + id));
    assertThat(batch.status()).as("%s", batch).isEqualTo(200);
    assertThat(fieldNames(batch.json())).containsExactlyInAnyOrderElementsOf(BATCH_FIELDS);
    JsonHttp.Reply state = http.get(batches("/" + id + "/state"));
    assertThat(state.status()).as("%s", state).isEqualTo(200);
    assertThat(fieldNames(state.json())).containsExactlyInAnyOrder("id", "state");
    assertThat(state.json().get("id").asInt()).isEqualTo(id);
    JsonHttp.Reply log = http.get(batches("/" + id + "/log?from=0&size=2"));
    assertThat(log.status()).as("%s", log).isEqualTo(200);
    assertThat(fieldNames(log.json())).containsExactlyInAnyOrder("id", "from", "total", "log");
    assertThat(log.json().get("from").asInt()).isZero();
    assertThat(log.json().get("log").size()).isLessThanOrEqualTo(2);
  }

  @Test
  @Order(4)
  void aBatchRunsToSuccessAsATaggedYarnApp() {
    List<String> states = succeeding.awaitTerminal(BATCH_TIMEOUT);
    assertProgression(states, SUCCESS_PROGRESSION);
    JsonNode batch = http.get(batches("/" + succeeding.id())).json();
    String appId = batch.get("appId").asText();
    assertThat(appId).matches("application_\\d+_\\d+");
    JsonNode app = yarnApp(appId);
    assertThat(app.get("state").asText()).isEqualTo("FINISHED");
    assertThat(app.get("finalStatus").asText()).isEqualTo("SUCCEEDED");
    assertThat(ResourceManagerFields.APP)
        .as("fields a real ResourceManager serves")
        .containsAll(fieldNames(app));
    List<String> tags = List.of(app.get("applicationTags").asText().split(","));
    assertThat(tags).contains(userTag);
    assertThat(tags)
        .anySatisfy(tag -> assertThat(tag).matches("livy-batch-" + succeeding.id() + "-\\w+"));
  }

  @Test
  @Order(5)
  void aFailingBatchEndsDeadWithItsLog() {
    List<String> states = failing.awaitTerminal(BATCH_TIMEOUT);
    assertProgression(states, FAILURE_PROGRESSION);
    JsonHttp.Reply log = http.get(batches("/" + failing.id() + "/log?from=0&size=100000"));
    assertThat(log.status()).as("%s", log).isEqualTo(200);
    List<String> lines = new ArrayList<>();
    log.json().get("log").forEach(line -> lines.add(line.asText()));
    // Livy on YARN: the spark-submit output in sections, then what YARN said about the app.
    assertThat(lines).containsSubsequence("stdout: ", "\nstderr: ", "\nYARN Diagnostics: ");
    String appId = http.get(batches("/" + failing.id())).json().get("appId").asText();
    JsonNode app = yarnApp(appId);
    // Spark's AM unregisters with FAILED on its last attempt: the YARN app itself FINISHED.
    assertThat(app.get("state").asText()).isEqualTo("FINISHED");
    assertThat(app.get("finalStatus").asText()).isEqualTo("FAILED");
  }

  @Test
  @Order(6)
  void deleteKillsARunningBatch() {
    int id = submit(LivyJob.RUNS_LONG);
    BatchWatch watch = BatchWatch.start(http, batches(""), id);
    String appId = watch.awaitAppId(BATCH_TIMEOUT);
    JsonHttp.Reply deleted = http.delete(batches("/" + id));
    assertThat(deleted.status()).as("%s", deleted).isEqualTo(200);
    assertThat(deleted.json().toString()).isEqualTo("{\"msg\":\"deleted\"}");
    assertNotFound(http.get(batches("/" + id)), id);
    org.awaitility.Awaitility.await("YARN app of a deleted batch killed")
        .atMost(Duration.ofSeconds(60))
        .until(() -> yarnApp(appId).get("state").asText().equals("KILLED"));
  }

  @Test
  @Order(7)
  void anUnknownBatchIsNotFound() {
    int unknown = 9999;
    assertNotFound(http.get(batches("/" + unknown)), unknown);
    assertNotFound(http.get(batches("/" + unknown + "/state")), unknown);
    assertNotFound(http.get(batches("/" + unknown + "/log")), unknown);
    assertNotFound(http.delete(batches("/" + unknown)), unknown);
  }

  @Test
  @Order(7)
  void aBatchIdThatIsNoNumberIsNotFound() {
    for (JsonHttp.Reply reply :
        List.of(
            http.get(batches("/abc")),
            http.get(batches("/abc/state")),
            http.delete(batches("/abc")))) {
      assertThat(reply.status()).as("%s", reply).isEqualTo(404);
      assertThat(reply.json().toString()).isEqualTo("{\"msg\":\"Session 'abc' not found.\"}");
    }
  }

  @Test
  @Order(7)
  void pagingParametersMustBeNumbers() {
    for (String query : List.of("?from=abc", "?size=abc")) {
      JsonHttp.Reply reply = http.get(batches(query));
      assertThat(reply.status()).as("%s", reply).isEqualTo(400);
      assertThat(reply.json().toString()).isEqualTo("{\"msg\":\"For input string: \\\"abc\\\"\"}");
    }
  }

  @Test
  @Order(8)
  void anUnknownFieldIsABadRequest() {
    JsonHttp.Reply reply = http.post(batches(""), "{\"file\":\"x.jar\",\"bogus\":1}");
    assertThat(reply.status()).as("%s", reply).isEqualTo(400);
    // Livy 0.7.1 answers a Jackson mapping error as a bare JSON string, not as {"msg": ...}.
    assertThat(reply.json().isTextual()).as("a JSON string: %s", reply).isTrue();
    assertThat(reply.json().asText()).startsWith("Unrecognized field \"bogus\"");
  }

  @Test
  @Order(9)
  void malformedJsonIsABadRequest() {
    for (String body : List.of("{\"file\":", "", "[]")) {
      JsonHttp.Reply reply = http.post(batches(""), body);
      assertThat(reply.status()).as("%s", reply).isEqualTo(400);
      assertThat(reply.json().isTextual()).as("a JSON string: %s", reply).isTrue();
      assertThat(reply.json().asText()).isNotBlank();
    }
  }

  @Test
  @Order(100)
  void aRestartForgetsAllBatchesAndReusesIds() {
    target.restart();
    JsonHttp.Reply list = http.get(batches(""));
    assertThat(list.status()).as("%s", list).isEqualTo(200);
    assertThat(list.json().get("total").asInt()).as("%s", list).isZero();
    assertNotFound(http.get(batches("/" + succeeding.id())), succeeding.id());
    int id = submit(LivyJob.RUNS_LONG);
    assertThat(id).isZero();
    assertThat(http.delete(batches("/" + id)).status()).isEqualTo(200);
  }

  @Test
  @Order(101)
  void anEmptyListStillHasSessions() {
    JsonHttp.Reply list = http.get(batches(""));
    assertThat(list.status()).as("%s", list).isEqualTo(200);
    assertThat(list.json().toString()).isEqualTo("{\"from\":0,\"total\":0,\"sessions\":[]}");
  }

  URI batches(String path) {
    return target.livy().resolve("batches" + path);
  }

  private int submit(LivyJob job) {
    JsonHttp.Reply reply = http.post(batches(""), JsonHttp.json(target.batch(job, userTag)));
    assertThat(reply.status()).as("%s", reply).isEqualTo(201);
    return reply.json().get("id").asInt();
  }

  private JsonNode yarnApp(String appId) {
    JsonHttp.Reply reply =
        http.get(target.resourceManager().resolve("ws/v1/cluster/apps/" + appId));
    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    return reply.json().get("app");
  }

  private static void assertNotFound(JsonHttp.Reply reply, int id) {
    assertThat(reply.status()).as("%s", reply).isEqualTo(404);
    assertThat(reply.json().toString()).isEqualTo("{\"msg\":\"Session '" + id + "' not found.\"}");
  }

  /** Every observed state is a known one, and they appear in the order of the progression. */
  private static void assertProgression(List<String> observed, List<String> progression) {
    assertThat(progression).as("states seen: %s", observed).containsAll(observed);
    for (int i = 1; i < observed.size(); i++) {
      assertThat(progression.indexOf(observed.get(i)))
          .as("states seen: %s", observed)
          .isGreaterThan(progression.indexOf(observed.get(i - 1)));
    }
    assertThat(observed.get(observed.size() - 1))
        .isEqualTo(progression.get(progression.size() - 1));
  }
}
