package io.yardmaster.simulator.livy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.yardmaster.simulator.EmulatorTestServer;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest(propertySources = "classpath:simulator-test.yml")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LivyBatchControllerTest implements TestPropertyProvider {
  private final int port = EmulatorTestServer.freePort();

  @Override
  public Map<String, String> getProperties() {
    return EmulatorTestServer.properties(port);
  }

  private static final String BATCHES = "/sim/alpha/livy/batches";
  private static final Argument<Map<String, Object>> JSON =
      Argument.mapOf(String.class, Object.class);

  @Inject
  @Client("/")
  HttpClient http;

  BlockingHttpClient client;

  @BeforeEach
  void restartLivy() {
    client = http.toBlocking();
    client.exchange(HttpRequest.POST("/sim/alpha/livy-admin/restart", ""));
    client.exchange(HttpRequest.DELETE("/sim/alpha/livy-admin/fault"));
  }

  private Map<String, Object> get(String uri) {
    return client.retrieve(HttpRequest.GET(uri), JSON);
  }

  private HttpResponse<Map<String, Object>> post(String body) {
    return client.exchange(
        HttpRequest.POST(BATCHES, body).contentType(MediaType.APPLICATION_JSON_TYPE), JSON);
  }

  private HttpClientResponseException error(HttpRequest<?> request) {
    try {
      client.exchange(request, JSON);
    } catch (HttpClientResponseException e) {
      return e;
    }
    throw new AssertionError("expected an error status for " + request);
  }

  private static Map<String, Object> body(HttpClientResponseException e) {
    return e.getResponse().getBody(JSON).orElseThrow();
  }

  /** Livy answers Jackson's errors as a bare JSON string, not as {"msg": ...}. */
  private static String text(HttpClientResponseException e) throws IOException {
    String body = e.getResponse().getBody(String.class).orElseThrow();
    try (JsonParser parser = new JsonFactory().createParser(body)) {
      assertThat(parser.nextToken()).as(body).isEqualTo(JsonToken.VALUE_STRING);
      return parser.getText();
    }
  }

  private void skip(int seconds) {
    client.exchange(HttpRequest.POST("/sim/clock/skip?seconds=" + seconds, ""));
  }

  @Test
  void batchRunsToSuccessWithTaggedYarnApplicationThenIsForgotten() {
    HttpResponse<Map<String, Object>> created =
        post(
            """
            {"file": "local:/jobs/pi.jar", "className": "org.example.Pi", "name": "pi",
             "numExecutors": 2, "executorCores": 2, "executorMemory": "4g",
             "conf": {"spark.yarn.tags": "team-a,Dag-X", "spark.yardmaster.sim.duration": "30s"}}
            """);

    assertThat(created.getStatus().getCode()).isEqualTo(HttpStatus.CREATED.getCode());
    Map<String, Object> batch = created.body();
    assertThat(batch)
        .containsEntry("id", 0)
        .containsEntry("name", "pi")
        .containsEntry("state", "starting")
        .containsEntry("appId", null)
        .containsKeys("owner", "proxyUser", "appInfo", "log");
    Map<String, Object> noAppInfo = new HashMap<>();
    noAppInfo.put("driverLogUrl", null);
    noAppInfo.put("sparkUiUrl", null);
    assertThat(batch.get("appInfo")).isEqualTo(noAppInfo);
    assertThat(get(BATCHES + "/0/state")).isEqualTo(Map.of("id", 0, "state", "starting"));

    skip(61);
    Map<String, Object> submitted = get(BATCHES + "/0");
    String appId = (String) submitted.get("appId");
    assertThat(appId).startsWith("application_");
    Map<String, Object> app = app(appId);
    assertThat((String) app.get("applicationTags"))
        .matches("livy-batch-0-[A-Za-z0-9]{8},team-a,dag-x");
    assertThat(app).containsEntry("name", "pi").containsEntry("queue", "default");

    skip(3);
    assertThat(get(BATCHES + "/0/state")).containsEntry("state", "running");
    assertThat(app(appId)).containsEntry("state", "RUNNING").containsEntry("allocatedVCores", 5);
    @SuppressWarnings("unchecked")
    Map<String, Object> appInfo = (Map<String, Object>) get(BATCHES + "/0").get("appInfo");
    assertThat((String) appInfo.get("sparkUiUrl"))
        .isEqualTo("http://localhost:" + port + "/sim/alpha/rm/proxy/" + appId + "/");

    skip(31);
    assertThat(get(BATCHES + "/0/state")).containsEntry("state", "success");
    assertThat(app(appId))
        .containsEntry("state", "FINISHED")
        .containsEntry("finalStatus", "SUCCEEDED");

    skip(601);
    HttpClientResponseException gone = error(HttpRequest.GET(BATCHES + "/0"));
    assertThat(gone.getStatus().getCode()).isEqualTo(HttpStatus.NOT_FOUND.getCode());
    assertThat(body(gone)).isEqualTo(Map.of("msg", "Session '0' not found."));
    assertThat(app(appId)).containsEntry("state", "FINISHED");
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> app(String appId) {
    return (Map<String, Object>) get("/sim/alpha/rm/ws/v1/cluster/apps/" + appId).get("app");
  }

  @Test
  void failingBatchEndsDeadWithDiagnosticsInItsLog() {
    post(
        """
        {"file": "f.jar", "conf": {"spark.yardmaster.sim.fail": "true",
                                   "spark.yardmaster.sim.duration": "10"}}
        """);
    skip(61 + 3 + 11);

    assertThat(get(BATCHES + "/0/state")).containsEntry("state", "dead");
    Map<String, Object> log = get(BATCHES + "/0/log?size=100");
    assertThat(log).containsEntry("id", 0).containsEntry("from", 0);
    assertThat((List<Object>) log.get("log"))
        .contains("stdout: ", "\nYARN Diagnostics: ")
        .anySatisfy(line -> assertThat((String) line).contains("simulated failure"));
    Map<String, Object> tail = get(BATCHES + "/0/log?size=2");
    assertThat(tail.get("from")).isEqualTo((Integer) tail.get("total") - 2);
  }

  @Test
  void listsBatchesInPages() {
    for (int i = 0; i < 3; i++) {
      post("{\"file\": \"f.jar\"}");
    }
    Map<String, Object> page = get(BATCHES + "?from=1&size=1");

    assertThat(page).containsEntry("from", 1).containsEntry("total", 3);
    assertThat((List<Object>) page.get("sessions"))
        .singleElement()
        .satisfies(
            session ->
                assertThat(session).isInstanceOf(Map.class).hasFieldOrPropertyWithValue("id", 1));
  }

  @Test
  void rejectsUnknownFieldsAndMalformedJsonLikeLivy() throws IOException {
    HttpClientResponseException unknown =
        error(HttpRequest.POST(BATCHES, "{\"file\": \"f.jar\", \"bogus\": 1}"));
    assertThat(unknown.getStatus().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
    assertThat(text(unknown))
        .startsWith(
            "Unrecognized field \"bogus\" (class org.apache.livy.server.batch.CreateBatchRequest),"
                + " not marked as ignorable (17 known properties:");

    HttpClientResponseException malformed = error(HttpRequest.POST(BATCHES, "{\"file\": "));
    assertThat(malformed.getStatus().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
    assertThat(text(malformed)).startsWith("Unexpected end-of-input");

    HttpClientResponseException wrongType =
        error(HttpRequest.POST(BATCHES, "{\"file\": \"f.jar\", \"jars\": \"a.jar\"}"));
    assertThat(text(wrongType))
        .startsWith("Cannot deserialize instance of `scala.collection.immutable.List`");

    HttpClientResponseException noFile = error(HttpRequest.POST(BATCHES, "{}"));
    assertThat(body(noFile)).isEqualTo(Map.of("msg", "requirement failed: File is required."));
    assertThat(get(BATCHES)).containsEntry("total", 0);
  }

  @Test
  void unknownOrMalformedBatchIds() {
    HttpClientResponseException missing = error(HttpRequest.GET(BATCHES + "/42"));
    assertThat(missing.getStatus().getCode()).isEqualTo(HttpStatus.NOT_FOUND.getCode());
    assertThat(body(missing)).isEqualTo(Map.of("msg", "Session '42' not found."));

    HttpClientResponseException notNumber = error(HttpRequest.GET(BATCHES + "/abc/state"));
    assertThat(notNumber.getStatus().getCode()).isEqualTo(HttpStatus.NOT_FOUND.getCode());
    assertThat(body(notNumber)).isEqualTo(Map.of("msg", "Session 'abc' not found."));

    HttpClientResponseException badPaging = error(HttpRequest.GET(BATCHES + "?from=abc"));
    assertThat(badPaging.getStatus().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
    assertThat(body(badPaging)).isEqualTo(Map.of("msg", "For input string: \"abc\""));

    assertThat(error(HttpRequest.DELETE(BATCHES + "/42")).getStatus().getCode())
        .isEqualTo(HttpStatus.NOT_FOUND.getCode());
  }

  @Test
  void deleteKillsTheApplicationAndForgetsTheBatch() {
    post("{\"file\": \"f.jar\", \"conf\": {\"spark.yardmaster.sim.duration\": \"10m\"}}");
    skip(65);
    String appId = (String) get(BATCHES + "/0").get("appId");

    Map<String, Object> deleted = client.retrieve(HttpRequest.DELETE(BATCHES + "/0"), JSON);

    assertThat(deleted).isEqualTo(Map.of("msg", "deleted"));
    assertThat(error(HttpRequest.GET(BATCHES + "/0")).getStatus().getCode())
        .isEqualTo(HttpStatus.NOT_FOUND.getCode());
    assertThat(app(appId)).containsEntry("state", "KILLED").containsEntry("finalStatus", "KILLED");
  }

  @Test
  void rejectsTheHundredAndFirstSubmissionWhileAHundredAreStarting() {
    for (int i = 0; i < LivyServer.MAX_CREATION; i++) {
      assertThat(post("{\"file\": \"f.jar\"}").getStatus().getCode())
          .isEqualTo(HttpStatus.CREATED.getCode());
    }

    HttpClientResponseException rejected =
        error(HttpRequest.POST(BATCHES, "{\"file\": \"f.jar\"}"));

    assertThat(rejected.getStatus().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
    assertThat(body(rejected))
        .isEqualTo(Map.of("msg", "Rejected, too many sessions are being created!"));
    for (int i = 0; i < LivyServer.MAX_CREATION; i++) {
      client.exchange(HttpRequest.DELETE(BATCHES + "/" + i));
    }
    assertThat(post("{\"file\": \"f.jar\"}").body()).containsEntry("id", 100);
  }

  @Test
  void restartForgetsBatchesAndReusesIds() {
    post("{\"file\": \"f.jar\"}");
    post("{\"file\": \"f.jar\"}");

    client.exchange(HttpRequest.POST("/sim/alpha/livy-admin/restart", ""));

    assertThat(client.retrieve(BATCHES)).isEqualTo("{\"from\":0,\"total\":0,\"sessions\":[]}");
    assertThat(post("{\"file\": \"f.jar\"}").body()).containsEntry("id", 0);
  }

  @Test
  void injectedFaultsAnswerWithTheStatusThenRecover() {
    client.exchange(
        HttpRequest.POST("/sim/alpha/livy-admin/fault", Map.of("status", 503, "count", 2)));

    assertThat(error(HttpRequest.GET(BATCHES)).getStatus().getCode())
        .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE.getCode());
    assertThat(error(HttpRequest.GET(BATCHES)).getStatus().getCode())
        .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE.getCode());
    assertThat(get(BATCHES)).containsEntry("total", 0);
  }

  @Test
  void unknownClusterIsNotFound() {
    assertThat(error(HttpRequest.GET("/sim/nowhere/livy/batches")).getStatus().getCode())
        .isEqualTo(HttpStatus.NOT_FOUND.getCode());
  }
}
