package io.yardmaster.cost.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.yardmaster.cost.CostFixtures;
import io.yardmaster.cost.CostTestServer;
import io.yardmaster.cost.FixedClockFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The dashboard in Debian's headless Chromium, driven by playwright-core ({@code
 * ui/dashboard.test.mjs}, installed by the build's npm ci into target/ui), against a real server
 * whose {@code cost_allocation} holds a week of rows written here: nothing of the data is in the
 * page. Chromium comes from {@code infra/local-stack/test.sh} ({@code YM_TEST_CHROMIUM}, else
 * /usr/bin/chromium); without it this test fails rather than skip. Screenshots go to
 * target/dashboard-shots (docs/dashboard-*.png are copies).
 */
class DashboardBrowserIT {
  static final Path SCRIPT = Path.of("target", "ui", "dashboard.test.mjs");
  static final Path SHOTS = Path.of("target", "dashboard-shots");
  static final String AIRFLOW = "http://airflow.example:8080";

  @Test
  void everyPageLoadsWithDataAndFiltersCsvAndTeamsHold() throws Exception {
    String chromium = System.getenv().getOrDefault("YM_TEST_CHROMIUM", "/usr/bin/chromium");
    assertThat(Path.of(chromium))
        .as("Chromium (run the tests with infra/local-stack/test.sh, which installs it)")
        .isExecutable();
    assertThat(SCRIPT).as("the build's npm ci into target/ui").exists();
    Files.createDirectories(SHOTS);
    Instant now = Instant.parse("2026-11-04T12:30:00Z");
    String corp = "yardmaster.auth.oidc.issuers.corp.";
    try (OidcTestProvider provider =
            new OidcTestProvider(
                "yardmaster-dashboard",
                Map.of("sub", "alice", "groups", List.of("ym-team-risk")),
                now);
        CostTestServer server =
            CostTestServer.start(
                CostTestServer.Database.H2,
                Map.of(
                    FixedClockFactory.PROPERTY,
                    now.toString(),
                    "yardmaster.cost.airflow-url",
                    AIRFLOW + "/",
                    "yardmaster.cost.spark-history-url",
                    "http://spark-history.example:18080",
                    corp + "issuer",
                    provider.issuer(),
                    corp + "audience",
                    List.of("api://yardmaster"),
                    corp + "team-claim",
                    "groups",
                    corp + "team-prefix",
                    "ym-team-",
                    corp + "browser-client-id",
                    "yardmaster-dashboard"))) {
      server.insert(
          CostFixtures.hours(Instant.parse("2026-10-29T00:00:00Z"), 6 * 24 + 13, 30, 24, 5));
      Path log = Path.of("target", "dashboard-browser.log");
      ProcessBuilder node =
          new ProcessBuilder(List.of("node", SCRIPT.getFileName().toString()))
              .directory(SCRIPT.getParent().toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      node.environment().put("YM_URL", server.url());
      node.environment().put("YM_ADMIN_TOKEN", server.adminToken());
      node.environment().put("YM_TEAM", "risk");
      node.environment().put("YM_TEAM_TOKEN", server.teamToken("risk"));
      node.environment().put("YM_CHROMIUM", chromium);
      node.environment().put("YM_SHOTS", SHOTS.toAbsolutePath().toString());
      node.environment().put("YM_AIRFLOW_URL", AIRFLOW);
      Process process = node.start();
      boolean done = process.waitFor(3, TimeUnit.MINUTES);
      if (!done) {
        process.destroyForcibly();
      }
      String report = Files.readString(log, StandardCharsets.UTF_8);
      System.out.println(report);
      assertThat(done).as("the browser test finished within 3 minutes:%n%s", report).isTrue();
      assertThat(process.exitValue()).as(report).isZero();
      assertThat(report).contains("dashboard: 9 passed, 0 failed");
      for (String page : List.of("overview", "dag", "team")) {
        assertThat(SHOTS.resolve("dashboard-" + page + ".png")).isNotEmptyFile();
      }
    }
  }
}
