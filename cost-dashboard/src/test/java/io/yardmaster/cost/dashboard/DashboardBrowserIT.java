package io.yardmaster.cost.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.yardmaster.autoscaler.store.AutoscalerStore;
import io.yardmaster.cost.CostFixtures;
import io.yardmaster.cost.CostTestServer;
import io.yardmaster.cost.FixedClockFactory;
import io.yardmaster.cost.collect.VmStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The dashboard in Debian's headless Chromium, driven by playwright-core ({@code
 * ui/dashboard.test.mjs}, installed by the build's npm ci into target/ui), against a real server
 * whose {@code cost_allocation} holds a week of rows written here, and whose {@code
 * autoscaler_decisions} a day and a half of two pools' ticks stored by the autoscaler's own store
 * ({@link CapacityHistory}): nothing of the data is in the page. Chromium comes from {@code
 * infra/local-stack/test.sh} ({@code YM_TEST_CHROMIUM}, else /usr/bin/chromium); without it this
 * test fails rather than skip. Screenshots go to target/dashboard-shots (docs/dashboard-*.png are
 * copies).
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
    try (OidcTestProvider provider =
            new OidcTestProvider(
                "yardmaster-dashboard",
                Map.of("sub", "alice", "groups", List.of("ym-team-risk")),
                now);
        CostTestServer server =
            CostTestServer.start(CostTestServer.Database.H2, settings(now, provider))) {
      server.insert(
          CostFixtures.hours(Instant.parse("2026-10-29T00:00:00Z"), 6 * 24 + 13, 30, 24, 5));
      CapacityHistory.write(server.context().getBean(AutoscalerStore.class), now, 36);
      CapacityHistory.evictions(server.context().getBean(VmStore.class), now);
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
      assertThat(report).contains("dashboard: 15 passed, 0 failed");
      for (String page : List.of("overview", "dag", "team", "capacity")) {
        assertThat(SHOTS.resolve("dashboard-" + page + ".png")).isNotEmptyFile();
      }
    }
  }

  /**
   * The server's settings: a fixed clock, the links, the identity provider, and the autoscaler's
   * node pools (its API runs beside the dashboard, as in the one binary).
   */
  private static Map<String, Object> settings(Instant now, OidcTestProvider provider) {
    String corp = "yardmaster.auth.oidc.issuers.corp.";
    Map<String, Object> settings = new HashMap<>(CapacityHistory.settings());
    settings.put(FixedClockFactory.PROPERTY, now.toString());
    settings.put("yardmaster.cost.airflow-url", AIRFLOW + "/");
    settings.put("yardmaster.cost.spark-history-url", "http://spark-history.example:18080");
    settings.put(corp + "issuer", provider.issuer());
    settings.put(corp + "audience", List.of("api://yardmaster"));
    settings.put(corp + "team-claim", "groups");
    settings.put(corp + "team-prefix", "ym-team-");
    settings.put(corp + "browser-client-id", "yardmaster-dashboard");
    return settings;
  }
}
