package io.yardmaster.app.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.yardmaster.app.testing.AppJar;
import io.yardmaster.peers.harness.YardmasterProcess;
import io.yardmaster.testing.OpenApiDocument;
import io.yardmaster.testing.SchemaCheck;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schemathesis, driven by the served OpenAPI document, fires thousands of generated requests —
 * valid, invalid and hostile — at the application jar on its embedded default, once as a team and
 * once as an admin. No answer may be a 5xx, a status or body the document does not describe, or an
 * acceptance of schema-violating input; afterwards every stored job still reads back whole, and the
 * service is healthy. The fuzzer comes from {@code infra/local-stack/test.sh} ({@code
 * YM_TEST_SCHEMATHESIS}); without it this test fails rather than skip.
 */
class OpenApiFuzzIT {
  static final String FUZZER = "YM_TEST_SCHEMATHESIS";
  static final Path CONFIG = Path.of("..", "infra", "local-stack", "schemathesis.toml");
  static final Path LOGS = Path.of("target", "it-logs");

  @TempDir Path dataDir;

  @Test
  void generatedRequestsFindNoServerErrorNoUndocumentedAnswerAndLeaveNothingHalfWritten()
      throws Exception {
    String fuzzer = System.getenv(FUZZER);
    assertThat(fuzzer)
        .as(FUZZER + " (run the tests with infra/local-stack/test.sh, which installs schemathesis)")
        .isNotBlank();
    int port = YardmasterProcess.freePort();
    Map<String, String> properties = new HashMap<>();
    properties.put("micronaut.environments", "local");
    properties.put("yardmaster.data-dir", dataDir.toString());
    properties.put("yardmaster.autoscaler.scheduler-enabled", "false");
    properties.putAll(fleet(port));
    Files.createDirectories(LOGS);
    try (YardmasterProcess app =
            AppJar.start(
                "fuzzed", port, properties, LOGS.resolve("OpenApiFuzzIT-application.log"));
        HttpClient http = HttpClient.create(app.url().toURL())) {
      BlockingHttpClient api = http.toBlocking();
      String admin = Files.readString(dataDir.resolve("admin-token")).trim();
      String team = teamToken(api, admin);
      String base = app.url().toString();
      fuzz(fuzzer, base, team, "team", "/autoscaler|/tokens|/teams|/health|drain");
      fuzz(fuzzer, base, admin, "admin", null);
      assertEveryStoredJobReadsBackWhole(api, admin);
      assertThat(api.retrieve(HttpRequest.GET("/health"))).contains("\"status\":\"UP\"");
    }
  }

  private void fuzz(String fuzzer, String base, String token, String who, String exclude)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(fuzzer);
    command.add("--config-file");
    command.add(CONFIG.toAbsolutePath().normalize().toString());
    command.add("run");
    command.add(base + "/openapi/yardmaster-v1.yml");
    command.addAll(List.of("--url", base));
    command.addAll(List.of("--header", "Authorization: Bearer " + token));
    command.addAll(List.of("--checks", "all", "--seed", "7", "--max-examples", "40"));
    command.addAll(List.of("--phases", "examples,coverage,fuzzing", "--no-color"));
    if (exclude != null) {
      command.addAll(List.of("--exclude-path-regex", exclude));
    }
    Path output = LOGS.resolve("OpenApiFuzzIT-" + who + ".log");
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    boolean done = process.waitFor(10, TimeUnit.MINUTES);
    if (!done) {
      process.destroyForcibly();
    }
    String report = Files.readString(output, StandardCharsets.UTF_8);
    assertThat(done).as("schemathesis as %s finished within 10 minutes", who).isTrue();
    assertThat(process.exitValue())
        .as("schemathesis as %s (see %s):%n%s", who, output, tail(report))
        .isZero();
    assertThat(report).contains("passed");
  }

  /** Every job the fuzz made is whole: it reads back and matches the document's Job schema. */
  @SuppressWarnings("unchecked")
  private static void assertEveryStoredJobReadsBackWhole(BlockingHttpClient api, String admin) {
    OpenApiDocument document = OpenApiDocument.parse(api.retrieve("/openapi/yardmaster-v1.yml"));
    SchemaCheck check = new SchemaCheck(document.root());
    Map<String, Object> jobSchema = Map.of("$ref", "#/components/schemas/Job");
    List<String> broken = new ArrayList<>();
    int jobs = 0;
    for (int page = 0; ; page++) {
      Map<String, Object> answer =
          api.retrieve(
              HttpRequest.GET("/api/v1/jobs?size=500&page=" + page).bearerAuth(admin),
              Argument.mapOf(String.class, Object.class));
      for (Map<String, Object> job : (List<Map<String, Object>>) answer.get("jobs")) {
        jobs++;
        Object one =
            api.retrieve(
                HttpRequest.GET("/api/v1/jobs/" + job.get("id")).bearerAuth(admin),
                Argument.of(Object.class));
        broken.addAll(check.violations(one, jobSchema));
        if ("UNREADABLE".equals(((Map<String, Object>) one).get("finalStatus"))) {
          broken.add(job.get("id") + ": its stored request cannot be read");
        }
      }
      if (!Boolean.TRUE.equals(answer.get("hasMore"))) {
        break;
      }
    }
    assertThat(jobs).as("jobs the fuzz made").isPositive();
    assertThat(broken).as("jobs that do not read back whole").isEmpty();
  }

  @SuppressWarnings("unchecked")
  private static String teamToken(BlockingHttpClient api, String admin) {
    api.exchange(
        HttpRequest.POST("/api/v1/teams", Map.of("name", "fuzzers", "proxyUser", "fuzz-svc"))
            .bearerAuth(admin));
    Map<String, Object> token =
        api.retrieve(
            HttpRequest.POST("/api/v1/tokens", Map.of("team", "fuzzers")).bearerAuth(admin),
            Argument.mapOf(String.class, Object.class));
    return (String) token.get("token");
  }

  /** The embedded default's two simulated clusters, served by the fuzzed process itself. */
  private static Map<String, String> fleet(int port) {
    Map<String, String> fleet = new HashMap<>();
    String base = "http://127.0.0.1:" + port + "/sim/";
    fleet.put("yardmaster.azure.endpoint", base + "arm");
    fleet.put("yardmaster.graphite.url", base + "graphite");
    for (String cluster : List.of("alpha", "beta")) {
      fleet.put("yardmaster.clusters." + cluster + ".livy-url", base + cluster + "/livy");
      fleet.put("yardmaster.clusters." + cluster + ".resource-manager-url", base + cluster + "/rm");
      fleet.put("yardmaster.clusters." + cluster + ".tags", "batch");
      String pool = "yardmaster.node-pools." + cluster + "-ondemand.";
      fleet.put(pool + "cluster", cluster);
      fleet.put(
          pool + "scale-set-id",
          "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/"
              + "Microsoft.Compute/virtualMachineScaleSets/"
              + cluster
              + "-ondemand");
      fleet.put(pool + "sku-name", "Standard_E8s_v5");
      fleet.put(pool + "vm-cores", "8");
      fleet.put(pool + "vm-memory-mb", "65536");
      fleet.put(pool + "max-nodes", "10");
    }
    return fleet;
  }

  private static String tail(String report) {
    return report.length() <= 6000 ? report : report.substring(report.length() - 6000);
  }
}
