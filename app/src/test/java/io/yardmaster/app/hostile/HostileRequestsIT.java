package io.yardmaster.app.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.yardmaster.autoscaler.store.AutoscalerStore;
import io.yardmaster.autoscaler.store.PoolState;
import io.yardmaster.cost.price.JdbcPriceBook;
import io.yardmaster.jobs.store.JdbcJobStore;
import io.yardmaster.jobs.store.JobFilter;
import io.yardmaster.testing.JobsHarness;
import io.yardmaster.testing.ResponseConformance;
import io.yardmaster.web.auth.ApiTokenRepository;
import io.yardmaster.web.teams.TeamRepository;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests a careless team, a malicious user or a broken client send, as raw bytes: each is a 4xx
 * with a JSON {@code ApiError} naming the fault (never a 5xx, a stack trace or an HTML page), and
 * none of them leaves anything behind: no job, team, token or price row, and no change to a pool's
 * pause or bounds. The cases of issue #10 and more.
 */
class HostileRequestsIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String POOL = "alpha-ondemand";
  private static JobsHarness harness;
  private static String team;
  private static String admin;
  private static JsonMapper json;

  @BeforeAll
  static void start() {
    harness = JobsHarness.start(Map.of());
    team = harness.teamToken("hostile");
    admin = harness.adminToken();
    json = harness.context.getBean(JsonMapper.class);
  }

  @AfterAll
  static void stop() {
    harness.close();
    assertThat(ResponseConformance.violations()).isEmpty();
  }

  /** A request: who sends it, how, and the status and code it must get. */
  record Case(
      String name,
      String method,
      String path,
      String who,
      Map<String, String> headers,
      String body,
      int status,
      String code) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final String OK_BATCH =
      "\"file\":\"local:/opt/spark/examples/jars/spark-examples.jar\",\"className\":\"x.Pi\"";

  static Case job(String name, String body, String code) {
    return new Case(name, "POST", "/api/v1/jobs", "team", Map.of(), body, 400, code);
  }

  static Case conf(String name, String conf, String code) {
    return job(name, "{\"batch\":{" + OK_BATCH + ",\"conf\":{" + conf + "}}}", code);
  }

  static Case batch(String name, String fields, String code) {
    return job(name, "{\"batch\":{" + OK_BATCH + "," + fields + "}}", code);
  }

  static Case get(String name, String path, int status, String code) {
    return new Case(name, "GET", path, "team", Map.of(), null, status, code);
  }

  static Stream<Arguments> cases() {
    List<Case> cases = new ArrayList<>();
    String tags200 = "\"batch\",".repeat(199) + "\"batch\"";
    cases.add(
        job(
            "200 routing tags",
            "{\"batch\":{" + OK_BATCH + "},\"target\":{\"tags\":[" + tags200 + "]}}",
            "INVALID_JOB"));
    cases.add(
        conf(
            "a key with '=' that would set spark.master",
            "\"spark.master=local\":\"x\"",
            "CONF_DENIED"));
    cases.add(
        conf(
            "a key with '=' that would set our tags",
            "\"spark.yarn.tags=x\":\"y\"",
            "CONF_DENIED"));
    cases.add(conf("a key with a space", "\"spark. master\":\"x\"", "CONF_DENIED"));
    cases.add(conf("a key with NUL", "\"spark.master\\u0000\":\"x\"", "CONF_DENIED"));
    cases.add(conf("a key with a control character", "\"spark.a\\u0007\":\"x\"", "CONF_DENIED"));
    cases.add(
        conf("a key with a zero-width space", "\"spark.\\u200bmaster\":\"x\"", "CONF_DENIED"));
    cases.add(conf("a non-ASCII key", "\"spark.mäster\":\"x\"", "CONF_DENIED"));
    cases.add(conf("an empty key", "\"\":\"x\"", "CONF_DENIED"));
    cases.add(conf("a huge key", "\"spark." + "k".repeat(300) + "\":\"x\"", "CONF_DENIED"));
    cases.add(conf("a huge value", "\"spark.x\":\"" + "v".repeat(5000) + "\"", "CONF_DENIED"));
    cases.add(conf("a null value", "\"spark.dynamicAllocation.enabled\":null", "CONF_DENIED"));
    cases.add(conf("a number for a string value", "\"spark.executor.instances\":4", "BAD_REQUEST"));
    cases.add(conf("spark.master", "\"spark.master\":\"local[*]\"", "CONF_DENIED"));
    cases.add(
        conf("spark.yarn.jars (Livy's blacklist)", "\"spark.yarn.jars\":\"x\"", "CONF_DENIED"));
    cases.add(
        conf("spark.jars.packages", "\"spark.jars.packages\":\"evil:evil:1\"", "CONF_DENIED"));
    cases.add(
        conf("spark.jars.repositories", "\"spark.jars.repositories\":\"http://x\"", "CONF_DENIED"));
    cases.add(
        conf(
            "spark.hadoop.fs.defaultFS",
            "\"spark.hadoop.fs.defaultFS\":\"hdfs://evil\"",
            "CONF_DENIED"));
    cases.add(
        conf(
            "spark.driver.extraJavaOptions",
            "\"spark.driver.extraJavaOptions\":\"-javaagent:/x.jar\"",
            "CONF_DENIED"));
    cases.add(
        conf(
            "spark.yarn.access.hadoopFileSystems",
            "\"spark.yarn.access.hadoopFileSystems\":\"hdfs://x\"",
            "CONF_DENIED"));
    cases.add(conf("spark.Master in other case", "\"spark.Master\":\"local\"", "CONF_DENIED"));
    cases.add(conf("a size Spark refuses", "\"spark.executor.memory\":\"16 GB\"", "CONF_INVALID"));
    cases.add(conf("a fractional size", "\"spark.driver.memory\":\"1.5g\"", "CONF_INVALID"));
    cases.add(conf("a count with a space", "\"spark.executor.instances\":\" 4\"", "CONF_INVALID"));
    cases.add(
        conf(
            "a boolean Spark refuses",
            "\"spark.dynamicAllocation.enabled\":\"yes\"",
            "CONF_INVALID"));
    cases.add(
        job(
            "file:///etc/passwd as the application",
            "{\"batch\":{\"file\":\"file:///etc/passwd\"}}",
            "FILE_DENIED"));
    cases.add(
        batch(
            "instance metadata as a jar", "\"jars\":[\"http://169.254.169.254/\"]", "FILE_DENIED"));
    cases.add(
        batch(
            "a path climbing out",
            "\"files\":[\"local:/opt/spark/../../etc/shadow\"]",
            "FILE_DENIED"));
    cases.add(batch("a string for a count", "\"numExecutors\":\"2\"", "BAD_REQUEST"));
    cases.add(batch("a fraction for a count", "\"numExecutors\":2.5", "BAD_REQUEST"));
    cases.add(batch("a boolean for a count", "\"executorCores\":true", "BAD_REQUEST"));
    cases.add(batch("a negative count", "\"numExecutors\":-1", "CONF_INVALID"));
    cases.add(batch("a size the grammar refuses", "\"executorMemory\":\"lots\"", "CONF_INVALID"));
    cases.add(batch("an unknown batch field", "\"driverMemoryy\":\"1g\"", "BAD_REQUEST"));
    cases.add(batch("a newline in the name", "\"name\":\"a\\nb\"", "INVALID_JOB"));
    cases.add(batch("a NUL in an argument", "\"args\":[\"a\\u0000b\"]", "INVALID_JOB"));
    cases.add(batch("a null argument", "\"args\":[null]", "INVALID_JOB"));
    cases.add(
        job(
            "a class name that is not one",
            "{\"batch\":{\"file\":\"local:/x.jar\",\"className\":\"x; rm -rf /\"}}",
            "INVALID_JOB"));
    cases.add(batch("a field given twice", "\"file\":\"local:/other.jar\"", "BAD_REQUEST"));
    cases.add(batch("a queue that is not one", "\"queue\":\"root default\"", "INVALID_JOB"));
    cases.add(
        job(
            "a huge application path",
            "{\"batch\":{\"file\":\"local:/" + "a".repeat(5000) + "\"}}",
            "INVALID_JOB"));
    cases.add(
        job(
            "an unknown top-level field",
            "{\"batch\":{" + OK_BATCH + "},\"team\":\"other\"}",
            "BAD_REQUEST"));
    cases.add(
        job(
            "a label with a control character",
            "{\"batch\":{" + OK_BATCH + "},\"labels\":{\"dagId\":\"a\\u0001\"}}",
            "INVALID_JOB"));
    cases.add(
        job(
            "a string map index",
            "{\"batch\":{" + OK_BATCH + "},\"labels\":{\"mapIndex\":\"1\"}}",
            "BAD_REQUEST"));
    cases.add(
        job(
            "an unknown cluster",
            "{\"batch\":{" + OK_BATCH + "},\"target\":{\"cluster\":\"nope\"}}",
            "CLUSTER_NOT_FOUND"));
    cases.add(job("no batch", "{}", "INVALID_JOB"));
    cases.add(job("malformed JSON", "{\"batch\":", "BAD_REQUEST"));
    cases.add(job("a JSON array", "[]", "BAD_REQUEST"));
    cases.add(job("a JSON string", "\"batch\"", "BAD_REQUEST"));
    cases.add(
        job(
            "nesting 2000 deep",
            "{\"batch\":{" + OK_BATCH + ",\"x\":" + "[".repeat(2000) + "]".repeat(2000) + "}}",
            "BAD_REQUEST"));
    cases.add(
        new Case(
            "a body of 2 MB",
            "POST",
            "/api/v1/jobs",
            "team",
            Map.of(),
            "{\"batch\":{\"file\":\"" + "a".repeat(2_000_000) + "\"}}",
            413,
            "REQUEST_TOO_LARGE"));
    cases.add(
        new Case(
            "an Idempotency-Key with a space",
            "POST",
            "/api/v1/jobs",
            "team",
            Map.of("Idempotency-Key", "a b"),
            "{\"batch\":{" + OK_BATCH + "}}",
            400,
            "INVALID_IDEMPOTENCY_KEY"));
    cases.add(
        new Case(
            "a 300-character Idempotency-Key",
            "POST",
            "/api/v1/jobs",
            "team",
            Map.of("Idempotency-Key", "k".repeat(300)),
            "{\"batch\":{" + OK_BATCH + "}}",
            400,
            "INVALID_IDEMPOTENCY_KEY"));
    cases.add(get("the largest page", "/api/v1/jobs?page=2147483647&size=2", 400, "INVALID_PAGE"));
    cases.add(get("a negative page", "/api/v1/jobs?page=-1", 400, "INVALID_PAGE"));
    cases.add(get("a page size of 0", "/api/v1/jobs?size=0", 400, "INVALID_PAGE"));
    cases.add(
        get("a page that is not a number", "/api/v1/jobs?page=abc", 400, "INVALID_PARAMETER"));
    cases.add(get("an unknown state", "/api/v1/jobs?state=DONE", 400, "INVALID_STATE"));
    cases.add(get("a time that is not one", "/api/v1/jobs?from=yesterday", 400, "INVALID_TIME"));
    cases.add(
        get(
            "a bad idempotency key filter",
            "/api/v1/jobs?idempotencyKey=a%20b",
            400,
            "INVALID_IDEMPOTENCY_KEY"));
    cases.add(get("a wait of a day", "/api/v1/jobs/x?wait=86400s", 400, "INVALID_WAIT"));
    cases.add(get("a job that does not exist", "/api/v1/jobs/nope", 404, "JOB_NOT_FOUND"));
    cases.add(
        get("a 2000-character job id", "/api/v1/jobs/" + "x".repeat(2000), 404, "JOB_NOT_FOUND"));
    cases.add(
        get(
            "a 5000-character request line",
            "/api/v1/jobs/" + "x".repeat(5000),
            413,
            "REQUEST_TOO_LARGE"));
    cases.add(
        new Case(
            "a 20 KB header",
            "GET",
            "/api/v1/jobs",
            "team",
            Map.of("X-Junk", "j".repeat(20_000)),
            null,
            413,
            "REQUEST_TOO_LARGE"));
    cases.add(
        new Case(
            "HTML only",
            "GET",
            "/api/v1/jobs",
            "team",
            Map.of("Accept", "text/html"),
            null,
            406,
            "NOT_ACCEPTABLE"));
    cases.add(
        new Case("no token", "GET", "/api/v1/jobs", "none", Map.of(), null, 401, "TOKEN_MISSING"));
    cases.add(
        new Case(
            "another scheme",
            "GET",
            "/api/v1/jobs",
            "none",
            Map.of("Authorization", "Basic dXNlcjpwYXNz"),
            null,
            401,
            "TOKEN_MISSING"));
    cases.add(
        new Case(
            "a random token",
            "GET",
            "/api/v1/jobs",
            "none",
            Map.of("Authorization", "Bearer ym_" + "A".repeat(43)),
            null,
            401,
            "TOKEN_UNKNOWN"));
    cases.add(
        new Case(
            "a team creating a team",
            "POST",
            "/api/v1/teams",
            "team",
            Map.of(),
            "{\"name\":\"evil\",\"proxyUser\":\"root\"}",
            403,
            "FORBIDDEN"));
    cases.add(
        team("a non-ASCII team name", "{\"name\":\"ünï\",\"proxyUser\":\"u\"}", "INVALID_TEAM"));
    cases.add(
        team(
            "a proxy user with a space",
            "{\"name\":\"t1\",\"proxyUser\":\"a b\"}",
            "INVALID_TEAM"));
    cases.add(
        team(
            "a string quota",
            "{\"name\":\"t1\",\"proxyUser\":\"u\",\"maxCores\":\"10\"}",
            "BAD_REQUEST"));
    cases.add(
        team(
            "an unknown team field",
            "{\"name\":\"t1\",\"proxyUser\":\"u\",\"admin\":true}",
            "BAD_REQUEST"));
    cases.add(
        team(
            "a team default that sets spark.master",
            "{\"name\":\"t1\",\"proxyUser\":\"u\",\"sparkDefaults\":{\"spark.master\":\"local\"}}",
            "INVALID_TEAM"));
    cases.add(
        team(
            "a team default key with '='",
            "{\"name\":\"t1\",\"proxyUser\":\"u\",\"sparkEnforced\":{\"a=b\":\"c\"}}",
            "INVALID_TEAM"));
    cases.add(
        new Case(
            "a token description of 300 characters",
            "POST",
            "/api/v1/tokens",
            "admin",
            Map.of(),
            "{\"team\":\"hostile\",\"description\":\"" + "d".repeat(300) + "\"}",
            400,
            "INVALID_TOKEN"));
    cases.add(
        new Case(
            "a token that expired before it was made",
            "POST",
            "/api/v1/tokens",
            "admin",
            Map.of(),
            "{\"team\":\"hostile\",\"expiresAt\":\"2001-01-01T00:00:00Z\"}",
            400,
            "INVALID_TOKEN"));
    cases.add(
        new Case(
            "a role that does not exist",
            "POST",
            "/api/v1/tokens",
            "admin",
            Map.of(),
            "{\"role\":\"ROOT\"}",
            400,
            "BAD_REQUEST"));
    cases.add(
        new Case(
            "a drain reason that is not a string",
            "POST",
            "/api/v1/clusters/alpha/drain",
            "admin",
            Map.of(),
            "{\"reason\":false}",
            400,
            "BAD_REQUEST"));
    cases.add(
        new Case(
            "a drain reason with a newline",
            "POST",
            "/api/v1/clusters/alpha/drain",
            "admin",
            Map.of(),
            "{\"reason\":\"a\\nb\"}",
            400,
            "INVALID_DRAIN"));
    cases.add(
        new Case(
            "pool bounds with a typo",
            "PUT",
            "/api/v1/autoscaler/pools/alpha-ondemand/bounds",
            "admin",
            Map.of(),
            "{\"minNode\":3}",
            400,
            "BAD_REQUEST"));
    cases.add(
        new Case(
            "pool bounds of the wrong type",
            "PUT",
            "/api/v1/autoscaler/pools/alpha-ondemand/bounds",
            "admin",
            Map.of(),
            "{\"minNodes\":0,\"maxNodes\":false}",
            400,
            "BAD_REQUEST"));
    String okPrice =
        "\"sku\":\"Standard_E8s_v5\",\"region\":\"westeurope\",\"priority\":\"spot\","
            + "\"validFrom\":\"2026-01-01T00:00:00Z\"";
    cases.add(price("a price without a SKU", "{\"region\":\"westeurope\"}", "INVALID_REQUEST"));
    cases.add(
        price("a negative price", "{" + okPrice + ",\"dollarsPerHour\":-1}", "INVALID_REQUEST"));
    cases.add(
        price(
            "a price of a billion", "{" + okPrice + ",\"dollarsPerHour\":1e9}", "INVALID_REQUEST"));
    cases.add(
        price(
            "a price with 7 decimals",
            "{" + okPrice + ",\"dollarsPerHour\":0.1234567}",
            "INVALID_REQUEST"));
    cases.add(
        price(
            "a price as a word", "{" + okPrice + ",\"dollarsPerHour\":\"cheap\"}", "BAD_REQUEST"));
    cases.add(
        price(
            "a SKU with '=' and non-ASCII",
            "{\"sku\":\"E8=s_v5\u00e9\",\"region\":\"westeurope\",\"priority\":\"spot\","
                + "\"validFrom\":\"2026-01-01T00:00:00Z\",\"dollarsPerHour\":1}",
            "INVALID_REQUEST"));
    cases.add(
        price(
            "a SKU of 5,000 characters",
            "{\"sku\":\""
                + "S".repeat(5000)
                + "\",\"region\":\"westeurope\",\"priority\":\"spot\","
                + "\"validFrom\":\"2026-01-01T00:00:00Z\",\"dollarsPerHour\":1}",
            "INVALID_REQUEST"));
    cases.add(
        price(
            "a reserved priority",
            "{\"sku\":\"Standard_E8s_v5\",\"region\":\"westeurope\",\"priority\":\"reserved\","
                + "\"validFrom\":\"2026-01-01T00:00:00Z\",\"dollarsPerHour\":1}",
            "INVALID_REQUEST"));
    cases.add(
        price(
            "a validFrom in words",
            "{\"sku\":\"Standard_E8s_v5\",\"region\":\"westeurope\",\"priority\":\"spot\","
                + "\"validFrom\":\"yesterday\",\"dollarsPerHour\":1}",
            "INVALID_REQUEST"));
    cases.add(
        price(
            "a note of 600 characters",
            "{" + okPrice + ",\"dollarsPerHour\":1,\"note\":\"" + "n".repeat(600) + "\"}",
            "INVALID_REQUEST"));
    cases.add(
        price(
            "a price with an unknown field",
            "{" + okPrice + ",\"dollarsPerHour\":1,\"x\":1}",
            "BAD_REQUEST"));
    cases.add(
        new Case(
            "a team token adding a price",
            "POST",
            "/api/v1/prices",
            "team",
            Map.of(),
            "{" + okPrice + ",\"dollarsPerHour\":0.01}",
            403,
            "FORBIDDEN"));
    cases.add(
        new Case(
            "a token for a team that does not exist",
            "POST",
            "/api/v1/tokens",
            "admin",
            Map.of(),
            "{\"team\":\"n\u00f6-such-team\"}",
            400,
            "TEAM_NOT_FOUND"));
    cases.add(
        new Case(
            "an admin token with a team",
            "POST",
            "/api/v1/tokens",
            "admin",
            Map.of(),
            "{\"role\":\"ADMIN\",\"team\":\"hostile\"}",
            400,
            "ADMIN_HAS_NO_TEAM"));
    cases.add(
        new Case(
            "a token description with a control character",
            "POST",
            "/api/v1/tokens",
            "admin",
            Map.of(),
            "{\"team\":\"hostile\",\"description\":\"a\\u0007b\"}",
            400,
            "INVALID_TOKEN"));
    cases.add(
        new Case(
            "a team token issuing a token",
            "POST",
            "/api/v1/tokens",
            "team",
            Map.of(),
            "{\"team\":\"hostile\"}",
            403,
            "FORBIDDEN"));
    return cases.stream().map(Arguments::of);
  }

  static Case price(String name, String body, String code) {
    return new Case(name, "POST", "/api/v1/prices", "admin", Map.of(), body, 400, code);
  }

  static Case team(String name, String body, String code) {
    return new Case(name, "POST", "/api/v1/teams", "admin", Map.of(), body, 400, code);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void isRefusedWithItsCodeAndLeavesNothingBehind(Case hostile) throws Exception {
    long jobs = jobCount();
    long teams = harness.context.getBean(TeamRepository.class).count();
    long tokens = harness.context.getBean(ApiTokenRepository.class).count();
    int prices = harness.context.getBean(JdbcPriceBook.class).rows().size();
    PoolState pool = harness.context.getBean(AutoscalerStore.class).poolState(POOL);
    HttpResponse<String> answer = send(hostile);
    assertThat(answer.statusCode()).as(hostile + ": " + answer.body()).isEqualTo(hostile.status());
    assertThat(answer.headers().firstValue("Content-Type"))
        .as(hostile.name())
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    Map<String, Object> error =
        json.readValue(answer.body(), Argument.mapOf(String.class, Object.class));
    assertThat(error.get("code")).as(hostile + ": " + answer.body()).isEqualTo(hostile.code());
    assertThat((String) error.get("message"))
        .as(hostile.name())
        .isNotBlank()
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
    assertThat(answer.body().length()).as(hostile.name()).isLessThan(40_000);
    assertThat(jobCount()).as("jobs after " + hostile).isEqualTo(jobs);
    assertThat(harness.context.getBean(TeamRepository.class).count())
        .as("teams after " + hostile)
        .isEqualTo(teams);
    assertThat(harness.context.getBean(ApiTokenRepository.class).count())
        .as("tokens after " + hostile)
        .isEqualTo(tokens);
    assertThat(harness.context.getBean(JdbcPriceBook.class).rows())
        .as("prices after " + hostile)
        .hasSize(prices);
    assertThat(harness.context.getBean(AutoscalerStore.class).poolState(POOL))
        .as("pool state after " + hostile)
        .isEqualTo(pool);
  }

  @Test
  void theLastAdminTokenCannotBeRevokedButAnotherCan() throws Exception {
    // The harness issued admin tokens of its own; revoke all but one, then try the last one.
    List<Map<String, Object>> tokens =
        json.readValue(
            send(new Case("list", "GET", "/api/v1/tokens", "admin", Map.of(), null, 200, null))
                .body(),
            Argument.listOf(Argument.mapOf(String.class, Object.class)));
    List<String> admins =
        tokens.stream()
            .filter(token -> "ADMIN".equals(token.get("role")) && token.get("revokedAt") == null)
            .map(token -> (String) token.get("id"))
            .toList();
    String mine = tokenId(admin, tokens);
    for (String id : admins) {
      if (!id.equals(mine)) {
        assertThat(send(revoke(id)).statusCode()).isEqualTo(204);
      }
    }
    HttpResponse<String> last = send(revoke(mine));
    assertThat(last.statusCode()).as(last.body()).isEqualTo(409);
    assertThat(last.body()).contains("LAST_ADMIN_TOKEN");
    assertThat(
            send(new Case(
                    "still works", "GET", "/api/v1/tokens", "admin", Map.of(), null, 200, null))
                .statusCode())
        .isEqualTo(200);
  }

  private static String tokenId(String token, List<Map<String, Object>> tokens) {
    // The newest admin token is the one this test class was given.
    return tokens.stream()
        .filter(t -> "ADMIN".equals(t.get("role")) && t.get("revokedAt") == null)
        .max(
            (a, b) ->
                String.valueOf(a.get("createdAt")).compareTo(String.valueOf(b.get("createdAt"))))
        .map(t -> (String) t.get("id"))
        .orElseThrow();
  }

  private static Case revoke(String id) {
    return new Case("revoke", "DELETE", "/api/v1/tokens/" + id, "admin", Map.of(), null, 0, null);
  }

  private static long jobCount() {
    return harness
        .context
        .getBean(JdbcJobStore.class)
        .list(new JobFilter(null, null, null, null, null, null, null, null, null, null), 0, 100_000)
        .size();
  }

  private static HttpResponse<String> send(Case hostile) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(harness.server.getURL() + hostile.path()))
            .method(
                hostile.method(),
                hostile.body() == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(hostile.body(), StandardCharsets.UTF_8));
    if (hostile.body() != null) {
      request.header("Content-Type", "application/json");
    }
    switch (hostile.who()) {
      case "team" -> request.header("Authorization", "Bearer " + team);
      case "admin" -> request.header("Authorization", "Bearer " + admin);
      default -> {}
    }
    hostile.headers().forEach(request::header);
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
