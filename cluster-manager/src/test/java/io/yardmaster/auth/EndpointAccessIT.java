package io.yardmaster.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.yardmaster.api.ApiError;
import io.yardmaster.testing.Jobs;
import io.yardmaster.testing.JobsHarness;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every API operation, taken from the served OpenAPI document plus the autoscaler's, called without
 * a token (401), and with a token of another team that is not an admin: admin operations are 403,
 * another team's things are 404, and nothing of the other team changes. A new endpoint fails this
 * test until its expected answer is written down here.
 */
class EndpointAccessIT {
  /** The answer a non-admin token of team "intruder" must get; 0 when it may use the operation. */
  static final Map<String, Integer> INTRUDER = new LinkedHashMap<>();

  static {
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
    INTRUDER.put("GET /api/v1/autoscaler/pools", 200);
    INTRUDER.put("GET /api/v1/autoscaler/pools/{pool}", 200);
    INTRUDER.put("GET /api/v1/autoscaler/decisions", 200);
    INTRUDER.put("POST /api/v1/autoscaler/pools/{pool}/pause", 403);
    INTRUDER.put("POST /api/v1/autoscaler/pools/{pool}/resume", 403);
    INTRUDER.put("PUT /api/v1/autoscaler/pools/{pool}/bounds", 403);
    INTRUDER.put("POST /api/v1/autoscaler/pools/{pool}/dry-run", 403);
  }

  static JobsHarness harness;
  static String ownerJob;
  static String ownerTokenId;
  static String intruder;

  @BeforeAll
  static void start() {
    harness = JobsHarness.start(Map.of());
    String owner = harness.teamToken("owner");
    ownerJob = (String) harness.post("/api/v1/jobs", owner, null, Jobs.sparkPi(1)).body().get("id");
    ownerTokenId =
        harness.context.getBean(Tokens.class).issue(Role.TEAM, "owner", "for revoking").id();
    intruder = harness.teamToken("intruder");
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  @Test
  void everyOperationInTheOpenApiDocumentHasAnExpectedAnswer() {
    String document = harness.client().retrieve("/openapi/yardmaster-v1.yml");
    Set<String> documented = operations(document);
    assertThat(documented).isNotEmpty();
    assertThat(INTRUDER.keySet()).containsAll(documented);
  }

  @Test
  void everyOperationWithoutATokenIs401WithJson() {
    for (String operation : INTRUDER.keySet()) {
      HttpClientResponseException error = call(operation, null).error;
      assertThat(error).as(operation).isNotNull();
      assertThat((Object) error.getStatus()).as(operation).isEqualTo(HttpStatus.UNAUTHORIZED);
      assertThat(error.getResponse().getBody(ApiError.class)).as(operation).isPresent();
    }
  }

  @Test
  void anotherTeamsNonAdminTokenIsRefusedOrSeesNothingOfTheOwner() {
    for (Map.Entry<String, Integer> expected : INTRUDER.entrySet()) {
      Answer answer = call(expected.getKey(), intruder);
      assertThat(answer.status()).as(expected.getKey()).isEqualTo(expected.getValue());
      if (answer.error != null) {
        assertThat(answer.error.getResponse().getBody(ApiError.class))
            .as(expected.getKey())
            .isPresent();
      } else {
        assertThat(answer.body).as(expected.getKey()).doesNotContain(ownerJob);
        assertThat(answer.body).as(expected.getKey()).doesNotContain("owner-svc");
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
            .replace("{id}", parts[1].startsWith("/api/v1/tokens") ? ownerTokenId : ownerJob)
            .replace("{name}", parts[1].startsWith("/api/v1/teams") ? "owner" : "alpha")
            .replace("{pool}", "alpha-ondemand");
    Object body =
        switch (operation) {
          case "POST /api/v1/jobs" -> Jobs.sparkPi(1);
          case "POST /api/v1/teams", "PUT /api/v1/teams/{name}" ->
              Map.of("name", "owner", "proxyUser", "root");
          case "POST /api/v1/tokens" -> Map.of("role", "TEAM", "team", "owner");
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

  /** "METHOD /path" for every operation of an OpenAPI 3 YAML document. */
  static Set<String> operations(String document) {
    Set<String> operations = new TreeSet<>();
    Pattern path = Pattern.compile("^  (/\\S+):\\s*$");
    Pattern method = Pattern.compile("^    (get|put|post|delete|patch):\\s*$");
    String current = null;
    for (String line : document.split("\n")) {
      Matcher p = path.matcher(line);
      if (p.matches()) {
        current = p.group(1);
        continue;
      }
      if (line.matches("^\\S.*")) {
        current = null;
      }
      Matcher m = method.matcher(line);
      if (current != null && m.matches()) {
        operations.add(m.group(1).toUpperCase(java.util.Locale.ROOT) + " " + current);
      }
    }
    return operations;
  }
}
