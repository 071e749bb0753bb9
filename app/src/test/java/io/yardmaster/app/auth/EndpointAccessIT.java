package io.yardmaster.app.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.web.router.Router;
import io.yardmaster.testing.Jobs;
import io.yardmaster.testing.JobsHarness;
import io.yardmaster.testing.OpenApiDocument;
import io.yardmaster.testing.ResponseConformance;
import io.yardmaster.web.auth.Role;
import io.yardmaster.web.auth.Tokens;
import io.yardmaster.web.errors.ApiError;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every API operation, taken from the served OpenAPI document (the cluster manager's, the Livy
 * facade's and the autoscaler's alike), called without a token (401), and with a token of another
 * team that is not an admin: admin operations are 403, another team's things are 404, and nothing
 * of the other team changes. Every route the server has under /api and /livy must be in the
 * document, and every documented operation must have its expected answer written down here: a new
 * endpoint fails this test until it is documented and its answer is in {@link #INTRUDER}.
 */
class EndpointAccessIT {
  /** The answer a non-admin token of team "intruder" must get; 0 when it may use the operation. */
  static final Map<String, Integer> INTRUDER = new LinkedHashMap<>();

  static {
    INTRUDER.put("GET /api/v1/health", 403);
    INTRUDER.put("GET /api/v1/clusters", 200);
    INTRUDER.put("GET /api/v1/clusters/{name}", 200);
    INTRUDER.put("POST /api/v1/clusters/{name}/drain", 403);
    INTRUDER.put("POST /api/v1/clusters/{name}/undrain", 403);
    INTRUDER.put("POST /api/v1/jobs", 201);
    INTRUDER.put("GET /api/v1/jobs", 200);
    INTRUDER.put("GET /api/v1/jobs/{id}", 404);
    INTRUDER.put("DELETE /api/v1/jobs/{id}", 404);
    INTRUDER.put("GET /api/v1/jobs/{id}/log", 404);
    INTRUDER.put("POST /api/v1/teams", 403);
    INTRUDER.put("GET /api/v1/teams", 200);
    INTRUDER.put("GET /api/v1/teams/{name}", 404);
    INTRUDER.put("PUT /api/v1/teams/{name}", 403);
    INTRUDER.put("POST /api/v1/tokens", 403);
    INTRUDER.put("GET /api/v1/tokens", 403);
    INTRUDER.put("DELETE /api/v1/tokens/{id}", 403);
    INTRUDER.put("GET /api/v1/autoscaler/pools", 403);
    INTRUDER.put("GET /api/v1/autoscaler/pools/{pool}", 403);
    INTRUDER.put("GET /api/v1/autoscaler/pools/{pool}/history", 403);
    INTRUDER.put("GET /api/v1/autoscaler/decisions", 403);
    INTRUDER.put("POST /api/v1/autoscaler/pools/{pool}/pause", 403);
    INTRUDER.put("POST /api/v1/autoscaler/pools/{pool}/resume", 403);
    INTRUDER.put("PUT /api/v1/autoscaler/pools/{pool}/bounds", 403);
    INTRUDER.put("POST /api/v1/autoscaler/pools/{pool}/dry-run", 403);
    // A team token's costs are its own team's: the owner's apps never show (issue 13).
    INTRUDER.put("GET /api/v1/costs", 200);
    INTRUDER.put("GET /api/v1/costs.csv", 200);
    INTRUDER.put("GET /api/v1/costs/events", 200);
    INTRUDER.put("GET /api/v1/prices", 403);
    INTRUDER.put("POST /api/v1/prices", 403);
    INTRUDER.put("GET /api/v1/cost-collection/gaps", 403);
    INTRUDER.put("POST /livy/batches", 201);
    INTRUDER.put("GET /livy/batches", 200);
    INTRUDER.put("GET /livy/batches/{id}", 404);
    INTRUDER.put("GET /livy/batches/{id}/state", 404);
    INTRUDER.put("GET /livy/batches/{id}/log", 404);
    INTRUDER.put("DELETE /livy/batches/{id}", 404);
    INTRUDER.put("POST /livy/{cluster}/batches", 201);
    INTRUDER.put("GET /livy/{cluster}/batches", 200);
    INTRUDER.put("GET /livy/{cluster}/batches/{id}", 404);
    INTRUDER.put("GET /livy/{cluster}/batches/{id}/state", 404);
    INTRUDER.put("GET /livy/{cluster}/batches/{id}/log", 404);
    INTRUDER.put("DELETE /livy/{cluster}/batches/{id}", 404);
  }

  /** A Livy batch, as the stock LivyOperator posts it to the facade. */
  static final Map<String, Object> LIVY_BATCH =
      Map.of(
          "file",
          "local:/opt/spark/examples/jars/spark-examples.jar",
          "className",
          "org.apache.spark.examples.SparkPi",
          "numExecutors",
          "1");

  static JobsHarness harness;
  static Set<String> documented;
  static String ownerJob;
  static String ownerBatch;
  static String ownerTokenId;
  static String intruder;

  @BeforeAll
  static void start() {
    harness = JobsHarness.start(Map.of());
    String owner = harness.teamToken("owner");
    ownerJob = (String) harness.post("/api/v1/jobs", owner, null, Jobs.sparkPi(1)).body().get("id");
    ownerBatch =
        String.valueOf(harness.post("/livy/batches", owner, null, LIVY_BATCH).body().get("id"));
    ownerTokenId =
        harness.context.getBean(Tokens.class).issue(Role.TEAM, "owner", "for revoking").id();
    intruder = harness.teamToken("intruder");
    documented =
        OpenApiDocument.parse(harness.client().retrieve("/openapi/yardmaster-v1.yml")).operations();
  }

  @AfterAll
  static void stop() {
    harness.close();
    assertThat(ResponseConformance.violations()).isEmpty();
  }

  @Test
  void everyApiRouteIsInTheOpenApiDocumentWithAnExpectedAnswer() {
    // Micronaut answers HEAD for every GET route by itself; those are not operations of their own.
    Set<String> routes =
        harness
            .context
            .getBean(Router.class)
            .uriRoutes()
            .filter(route -> route.getHttpMethod() != HttpMethod.HEAD)
            .map(
                route ->
                    route.getHttpMethodName() + " " + route.getUriMatchTemplate().toPathString())
            .filter(route -> route.contains(" /api/") || route.contains(" /livy/"))
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(routes).contains("GET /api/v1/jobs", "POST /api/v1/autoscaler/pools/{pool}/pause");
    assertThat(documented).containsExactlyInAnyOrderElementsOf(routes);
    assertThat(INTRUDER.keySet()).containsExactlyInAnyOrderElementsOf(documented);
  }

  @Test
  void everyOperationWithoutATokenIs401WithJson() {
    for (String operation : documented) {
      HttpClientResponseException error = call(operation, null).error;
      assertThat(error).as(operation).isNotNull();
      assertThat((Object) error.getStatus()).as(operation).isEqualTo(HttpStatus.UNAUTHORIZED);
      assertThat(error.getResponse().getBody(ApiError.class)).as(operation).isPresent();
    }
  }

  @Test
  void anotherTeamsNonAdminTokenIsRefusedOrSeesNothingOfTheOwner() {
    for (String operation : documented) {
      assertThat(INTRUDER).as("expected answer of " + operation).containsKey(operation);
      Answer answer = call(operation, intruder);
      assertThat(answer.status()).as(operation).isEqualTo(INTRUDER.get(operation));
      if (answer.error != null) {
        assertThat(answer.error.getResponse().getBody(ApiError.class)).as(operation).isPresent();
      } else {
        assertThat(answer.body).as(operation).doesNotContain(ownerJob);
        assertThat(answer.body).as(operation).doesNotContain("owner-svc");
      }
    }
    String admin = harness.adminToken();
    Map<String, Object> job = harness.getJson("/api/v1/jobs/" + ownerJob, admin);
    assertThat(job.get("killRequested")).isEqualTo(false);
    assertThat(harness.getJson("/api/v1/teams/owner", admin).get("proxyUser"))
        .isEqualTo("owner-svc");
    assertThat(harness.client().retrieve(HttpRequest.GET("/api/v1/tokens").bearerAuth(admin)))
        .contains(ownerTokenId);
  }

  /** A call's outcome: the 2xx body, or the refusal. */
  record Answer(String body, HttpClientResponseException error, int code) {
    int status() {
      return code;
    }
  }

  private static Answer call(String operation, String token) {
    String[] parts = operation.split(" ", 2);
    String path =
        parts[1]
            .replace(
                "{id}",
                parts[1].startsWith("/api/v1/tokens")
                    ? ownerTokenId
                    : parts[1].startsWith("/livy/") ? ownerBatch : ownerJob)
            .replace("{name}", parts[1].startsWith("/api/v1/teams") ? "owner" : "alpha")
            .replace("{pool}", "alpha-ondemand")
            .replace("{cluster}", "alpha");
    Object body =
        switch (operation) {
          case "POST /api/v1/jobs" -> Jobs.sparkPi(1);
          case "POST /livy/batches", "POST /livy/{cluster}/batches" -> LIVY_BATCH;
          case "POST /api/v1/teams", "PUT /api/v1/teams/{name}" ->
              Map.of("name", "owner", "proxyUser", "root");
          case "POST /api/v1/tokens" -> Map.of("role", "TEAM", "team", "owner");
          case "POST /api/v1/prices" ->
              Map.of(
                  "sku", "Standard_E8s_v5",
                  "region", "westeurope",
                  "priority", "spot",
                  "dollarsPerHour", "0.1",
                  "validFrom", "2026-01-01T00:00:00Z");
          case "PUT /api/v1/autoscaler/pools/{pool}/bounds" -> Map.of("minNodes", 0, "maxNodes", 1);
          default -> parts[0].equals("GET") || parts[0].equals("DELETE") ? null : Map.of();
        };
    MutableHttpRequest<Object> request = HttpRequest.create(HttpMethod.parse(parts[0]), path);
    if (body != null) {
      request = request.body(body);
    }
    if (token != null) {
      request = request.bearerAuth(token);
    }
    try {
      HttpResponse<String> response = harness.client().exchange(request, String.class);
      return new Answer(response.body() == null ? "" : response.body(), null, response.code());
    } catch (HttpClientResponseException e) {
      return new Answer(null, e, e.code());
    }
  }
}
