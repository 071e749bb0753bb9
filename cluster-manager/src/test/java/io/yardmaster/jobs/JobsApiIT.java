package io.yardmaster.jobs;

import static io.yardmaster.testing.ApiCalls.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.yardmaster.simulator.livy.LivyServer;
import io.yardmaster.testing.Jobs;
import io.yardmaster.testing.JobsHarness;
import io.yardmaster.testing.ResponseConformance;
import io.yardmaster.web.errors.ApiError;
import io.yardmaster.web.errors.ApiErrorCode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The jobs API: idempotency, tags, visibility, bad input. */
class JobsApiIT {
  static JobsHarness harness;
  static String risk;
  static String other;

  @BeforeAll
  static void start() {
    harness = JobsHarness.driven(Map.of(), List.of());
    risk = harness.teamToken("risk");
    other = harness.teamToken("marketing");
  }

  @AfterAll
  static void stop() {
    harness.close();
    assertThat(ResponseConformance.violations()).isEmpty();
  }

  @Test
  void sameKeyAndBodyIsTheSameJobAndARetryWithAnotherTryNumberReattaches() {
    Map<String, Object> body = Jobs.sparkPi(4);
    HttpResponse<Map<String, Object>> first = harness.post("/api/v1/jobs", risk, "k-same", body);
    assertThat((Object) first.getStatus()).isEqualTo(HttpStatus.CREATED);
    String id = (String) first.body().get("id");
    assertThat(first.getHeaders().get("Location")).isEqualTo("/api/v1/jobs/" + id);

    HttpResponse<Map<String, Object>> again = harness.post("/api/v1/jobs", risk, "k-same", body);
    assertThat((Object) again.getStatus()).isEqualTo(HttpStatus.OK);
    assertThat(again.body().get("id")).isEqualTo(id);
    HttpResponse<Map<String, Object>> retry =
        harness.post("/api/v1/jobs", risk, "k-same", Jobs.withTry(body, 2));
    assertThat(retry.body().get("id")).isEqualTo(id);

    harness.submitPass();
    assertThat(harness.peers.createdFor(id)).hasSize(1);
    // Another team may use the same key: keys are per team.
    HttpResponse<Map<String, Object>> theirs = harness.post("/api/v1/jobs", other, "k-same", body);
    assertThat((Object) theirs.getStatus()).isEqualTo(HttpStatus.CREATED);
    assertThat(theirs.body().get("id")).isNotEqualTo(id);
  }

  @Test
  @SuppressWarnings("unchecked")
  void sameKeyWithAnotherBodyIs409NamingTheFields() {
    harness.post("/api/v1/jobs", risk, "k-diff", Jobs.sparkPi(4));
    Map<String, Object> changed = Jobs.sparkPi(8);
    ((Map<String, Object>) changed.get("batch"))
        .put("conf", Map.of("spark.sql.shuffle.partitions", "64", "spark.x", "1"));
    ApiError error =
        refused(
            harness.client(),
            HttpRequest.POST("/api/v1/jobs", changed)
                .bearerAuth(risk)
                .header("Idempotency-Key", "k-diff"),
            HttpStatus.CONFLICT);
    assertThat(error.code()).isEqualTo(ApiErrorCode.IDEMPOTENCY_KEY_REUSED);
    assertThat(error.details()).containsExactly("batch.conf.spark.x", "batch.numExecutors");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theAppCarriesTheJobTagsAndRunsAsTheTeamsProxyUser() {
    String id = (String) harness.post("/api/v1/jobs", risk, null, Jobs.sparkPi(2)).body().get("id");
    harness.submitPass();
    LivyServer.Created batch = harness.peers.createdFor(id).get(0);
    assertThat(batch.proxyUser()).isEqualTo("risk-svc");
    String tags = batch.conf().get("spark.yarn.tags");
    assertThat(tags.split(","))
        .containsExactly(
            "ym-job-" + id,
            "ym-team-risk",
            "ym-dag-daily_risk",
            "ym-task-compute.var",
            "ym-run-scheduled__2026-11-21t00:00:00+00:00")
        .allSatisfy(tag -> assertThat(tag).hasSizeLessThanOrEqualTo(100).isLowerCase());
    Map<String, Object> job = harness.getJson("/api/v1/jobs/" + id, risk);
    assertThat(job.get("routingReason")).isEqualTo("named in the request");
    assertThat((List<String>) job.get("yarnTags")).contains("ym-job-" + id);
  }

  @Test
  void anotherTeamsJobIsA404AndListsShowOnlyOwnJobs() {
    String id = (String) harness.post("/api/v1/jobs", risk, null, Jobs.sparkPi(2)).body().get("id");
    // Once STARTING, nothing changes the job until the test runs a pass: its ETag is current.
    harness.submitPass();
    assertThat(harness.getJson("/api/v1/jobs/" + id, risk).get("state")).isEqualTo("STARTING");
    String etag = etag(id);
    List<Supplier<MutableHttpRequest<?>>> requests =
        List.of(
            () -> HttpRequest.GET("/api/v1/jobs/" + id),
            // A conditional poll with the right ETag must not tell another team the job exists.
            () -> HttpRequest.GET("/api/v1/jobs/" + id).header("If-None-Match", etag),
            () -> HttpRequest.DELETE("/api/v1/jobs/" + id),
            () -> HttpRequest.GET("/api/v1/jobs/" + id + "/log"));
    for (Supplier<MutableHttpRequest<?>> request : requests) {
      assertThat(
              refused(harness.client(), request.get().bearerAuth(other), HttpStatus.NOT_FOUND)
                  .code())
          .isEqualTo(ApiErrorCode.JOB_NOT_FOUND);
      refused(harness.client(), request.get(), HttpStatus.UNAUTHORIZED);
    }
    Map<String, Object> theirs = harness.getJson("/api/v1/jobs?size=500", other);
    assertThat(theirs.get("jobs").toString()).doesNotContain(id);
    Map<String, Object> mine = harness.getJson("/api/v1/jobs?size=500&team=risk", risk);
    assertThat(mine.get("jobs").toString()).contains(id);
    Map<String, Object> all = harness.getJson("/api/v1/jobs?size=500", harness.adminToken());
    assertThat(all.get("jobs").toString()).contains(id);
  }

  private static String etag(String id) {
    return harness
        .client()
        .exchange(HttpRequest.GET("/api/v1/jobs/" + id).bearerAuth(risk), String.class)
        .header("ETag");
  }

  @Test
  void badInputIsA4xxWithJsonNeverA5xx() {
    String json = MediaType.APPLICATION_JSON;
    Map<String, String> bodies = new HashMap<>();
    bodies.put("malformed", "{\"batch\": {\"file\": ");
    bodies.put("wrong type", "{\"batch\": {\"file\": \"x.jar\", \"numExecutors\": \"many\"}}");
    bodies.put("unknown field", "{\"batch\": {\"file\": \"x.jar\", \"executors\": 3}}");
    bodies.put("unknown top field", "{\"batch\": {\"file\": \"x.jar\"}, \"team\": \"root\"}");
    bodies.put("no batch", "{}");
    bodies.put("no file", "{\"batch\": {}}");
    bodies.put("bad memory", "{\"batch\": {\"file\": \"x.jar\", \"executorMemory\": \"lots\"}}");
    for (Map.Entry<String, String> body : bodies.entrySet()) {
      ApiError error =
          refused(
              harness.client(),
              HttpRequest.POST("/api/v1/jobs", body.getValue()).contentType(json).bearerAuth(risk),
              HttpStatus.BAD_REQUEST);
      assertThat(error.message()).as(body.getKey()).isNotBlank();
    }
    ApiError unknownField =
        refused(
            harness.client(),
            HttpRequest.POST("/api/v1/jobs", bodies.get("unknown field"))
                .contentType(json)
                .bearerAuth(risk),
            HttpStatus.BAD_REQUEST);
    assertThat(unknownField.message()).contains("executors");

    String big = "{\"batch\": {\"file\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}}";
    refused(
        harness.client(),
        HttpRequest.POST("/api/v1/jobs", big).contentType(json).bearerAuth(risk),
        HttpStatus.REQUEST_ENTITY_TOO_LARGE);

    Map<String, Object> unknownCluster = Jobs.sparkPi(2);
    unknownCluster.put("target", Map.of("cluster", "nowhere"));
    ApiError cluster =
        refused(
            harness.client(),
            HttpRequest.POST("/api/v1/jobs", unknownCluster).bearerAuth(risk),
            HttpStatus.BAD_REQUEST);
    assertThat(cluster.code()).isEqualTo(ApiErrorCode.CLUSTER_NOT_FOUND);
    assertThat(cluster.message()).contains("nowhere");
  }

  @Test
  void theOpenApiDocumentDescribesTheJobsTeamsAndTokensApis() {
    String document = harness.client().retrieve("/openapi/yardmaster-v1.yml");
    assertThat(document)
        .contains("/api/v1/jobs:")
        .contains("/api/v1/jobs/{id}:")
        .contains("/api/v1/jobs/{id}/log:")
        .contains("/api/v1/teams:")
        .contains("/api/v1/tokens:")
        .contains("Idempotency-Key")
        .contains("bearer");
  }

  @Test
  @SuppressWarnings("unchecked")
  void deniedConfAndImpossibleSizesAre400sThatNameThem() {
    Map<String, Object> denied = Jobs.sparkPi(2);
    ((Map<String, Object>) denied.get("batch"))
        .put("conf", Map.of("spark.master", "local[*]", "spark.kerberos.keytab", "/x"));
    ApiError conf =
        refused(
            harness.client(),
            HttpRequest.POST("/api/v1/jobs", denied).bearerAuth(risk),
            HttpStatus.BAD_REQUEST);
    assertThat(conf.code()).isEqualTo(ApiErrorCode.CONF_DENIED);
    assertThat(conf.details())
        .extracting(detail -> detail.substring(0, detail.indexOf(": ")))
        .containsExactly("batch.conf.spark.kerberos.keytab", "batch.conf.spark.master");

    Map<String, Object> huge = Jobs.sparkPi(500);
    ((Map<String, Object>) huge.get("batch")).put("executorMemory", "200g");
    ApiError size =
        refused(
            harness.client(),
            HttpRequest.POST("/api/v1/jobs", huge).bearerAuth(risk),
            HttpStatus.BAD_REQUEST);
    assertThat(size.code()).isEqualTo(ApiErrorCode.TOO_LARGE_FOR_CLUSTER);
    assertThat(size.details())
        .anySatisfy(d -> assertThat(d).startsWith("batch.executorMemory"))
        .anySatisfy(d -> assertThat(d).startsWith("batch.numExecutors"));
    ApiError admin =
        refused(
            harness.client(),
            HttpRequest.POST("/api/v1/jobs", Jobs.sparkPi(2)).bearerAuth(harness.adminToken()),
            HttpStatus.BAD_REQUEST);
    assertThat(admin.code()).isEqualTo(ApiErrorCode.TEAM_REQUIRED);
    refused(
        harness.client(),
        HttpRequest.GET("/api/v1/jobs?state=HAPPY").bearerAuth(risk),
        HttpStatus.BAD_REQUEST);
  }
}
