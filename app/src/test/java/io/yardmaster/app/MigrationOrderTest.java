package io.yardmaster.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.yardmaster.app.testing.Migrations;
import io.yardmaster.app.testing.Migrations.Migration;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The application runs every module's migrations as one Flyway history, in version order. Below 10
 * the versions are history, as they were written; from 10 on each module has a block of ten
 * (docs/architecture.md), so two modules can never claim one version, nor one run before a table it
 * needs from a module below it.
 */
class MigrationOrderTest {
  private static final Map<String, String> HISTORY =
      Map.of(
          "1", "cluster-manager",
          "2", "web",
          "3", "cluster-manager",
          "4", "cluster-manager",
          "4.1", "web",
          "5", "web",
          "6", "cluster-manager");
  private static final List<String> BLOCKS =
      List.of("autoscaler", "cost-dashboard", "cluster-manager", "web", "core");

  static String owner(String version) {
    if (HISTORY.containsKey(version)) {
      return HISTORY.get(version);
    }
    int block = Integer.parseInt(version.split("\\.")[0]) / 10 - 1;
    return block >= 0 && block < BLOCKS.size() ? BLOCKS.get(block) : "nobody";
  }

  @Test
  void everyMigrationVersionBelongsToOneModule() throws IOException, URISyntaxException {
    Map<String, List<String>> byVersion = new TreeMap<>();
    for (Migration migration : Migrations.onClassPath()) {
      byVersion
          .computeIfAbsent(migration.version(), v -> new ArrayList<>())
          .add(moduleOf(migration.folder()) + ":" + migration.file());
    }

    assertThat(byVersion.keySet())
        .as("migrations on the application's class path")
        .contains("1", "10");
    byVersion.forEach(
        (version, files) -> {
          assertThat(files).as("migrations of version " + version).hasSize(1);
          assertThat(files.get(0)).as("version " + version).startsWith(owner(version) + ":");
        });
  }

  /**
   * The module of a class-path folder: {@code <module>/target/classes} or {@code
   * yardmaster-<module>-*.jar}.
   */
  private static String moduleOf(URL folder) {
    String text = folder.toString();
    for (String module : BLOCKS) {
      if (text.contains("/" + module + "/target/")
          || text.contains("/yardmaster-" + module + "-")) {
        return module;
      }
    }
    return text;
  }
}
