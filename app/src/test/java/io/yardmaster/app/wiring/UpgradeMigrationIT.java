package io.yardmaster.app.wiring;

import static io.yardmaster.app.testing.CostAnswers.costs;
import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.maxBy;
import static org.assertj.core.api.Assertions.assertThat;

import io.yardmaster.app.testing.AppJar;
import io.yardmaster.app.testing.Migrations;
import io.yardmaster.app.testing.Migrations.Migration;
import io.yardmaster.peers.harness.YardmasterProcess;
import io.yardmaster.testing.Databases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upgrade onto a database whose history is already ahead in a higher module's block. Each module
 * owns a block of versions (docs/architecture.md), so a release that adds the cost module's V26
 * meets databases already at the core's V50: Flyway by default refuses to start on such a database
 * ("resolved migration not applied"). Here the database is first migrated with every migration but
 * the newest of each block below the top one, as an older release left it; the released jar must
 * then start on it, apply the missing ones, and serve the costs that read their tables.
 */
class UpgradeMigrationIT {
  @TempDir Path dir;

  @Test
  void anOlderReleasesH2FileUpgrades() throws Exception {
    String url =
        "jdbc:h2:file:"
            + dir.resolve("data").resolve("yardmaster")
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    upgrade(Map.of("datasources.default.url", url), Flyway.configure().dataSource(url, "sa", ""));
  }

  @Test
  void anOlderReleasesPostgresSchemaUpgrades() throws Exception {
    Map<String, Object> database = Databases.postgres();
    String schema = (String) database.get("flyway.datasources.default.schemas");
    upgrade(
        database,
        Flyway.configure()
            .dataSource((String) database.get("datasources.default.url"), "postgres", "")
            .schemas(schema)
            .createSchemas(true));
  }

  private void upgrade(Map<String, Object> database, FluentConfiguration older) throws Exception {
    List<Migration> all = Migrations.onClassPath();
    Set<String> withheld = newestBelowTheTopBlock(all);
    assertThat(withheld).as("migrations an older release lacked").hasSizeGreaterThanOrEqualTo(2);
    Path olderRelease = Files.createDirectories(dir.resolve("older-release"));
    for (Migration migration : all) {
      if (!withheld.contains(migration.version())) {
        migration.copyTo(olderRelease);
      }
    }
    older.locations("filesystem:" + olderRelease).load().migrate();
    String jdbc = (String) database.get("datasources.default.url");
    assertThat(appliedVersions(jdbc)).doesNotContainAnyElementsOf(withheld);

    Map<String, String> properties = new HashMap<>();
    database.forEach((key, value) -> properties.put(key, String.valueOf(value)));
    properties.put("yardmaster.data-dir", dir.resolve("data").toString());
    int port = YardmasterProcess.freePort();
    try (YardmasterProcess app =
        AppJar.start("upgraded", port, properties, Path.of("target", "UpgradeMigrationIT.log"))) {
      String admin = Files.readString(dir.resolve("data").resolve("admin-token")).trim();
      assertThat(costs(app.url(), admin, "team"))
          .as("costs, read from V26's summary")
          .containsKey("totals");
    }
    assertThat(appliedVersions(jdbc))
        .as("the history after the upgrade")
        .containsAll(all.stream().map(Migration::version).toList());
  }

  /** Each block's newest version, for every block (10-19, 20-29, ...) but the highest. */
  private static Set<String> newestBelowTheTopBlock(List<Migration> all) {
    Comparator<Migration> byVersion =
        Comparator.comparingDouble(m -> Double.parseDouble(m.version()));
    Map<Integer, Optional<Migration>> newest =
        all.stream()
            .filter(m -> Double.parseDouble(m.version()) >= 10)
            .collect(groupingBy(m -> (int) Double.parseDouble(m.version()) / 10, maxBy(byVersion)));
    int top = newest.keySet().stream().max(Integer::compare).orElseThrow();
    Set<String> versions = new TreeSet<>();
    newest.forEach(
        (block, migration) -> {
          if (block != top) {
            versions.add(migration.orElseThrow().version());
          }
        });
    return versions;
  }

  /** The versions the database's Flyway history holds as applied with success. */
  private static Set<String> appliedVersions(String jdbc) throws Exception {
    Set<String> versions = new TreeSet<>();
    String user = jdbc.startsWith("jdbc:h2:") ? "sa" : "postgres";
    try (Connection connection = DriverManager.getConnection(jdbc, user, "");
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT"
                    + " NULL")) {
      while (rows.next()) {
        versions.add(rows.getString(1));
      }
    }
    return versions;
  }
}
