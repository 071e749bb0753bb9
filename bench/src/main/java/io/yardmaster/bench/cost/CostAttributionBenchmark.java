package io.yardmaster.bench.cost;

import io.yardmaster.cost.attribution.AllocationStore;
import io.yardmaster.cost.attribution.AttributionJob;
import io.yardmaster.cost.attribution.AttributionModel;
import io.yardmaster.cost.attribution.HourAttribution;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Issue 13's attribution benchmark: a month of a synthetic fleet ({@link SyntheticFleet}, 1,000,000
 * finished apps by default) attributed by the shipped {@link AttributionJob} — every cluster-hour
 * dirty, each computed by {@link HourAttribution} and written to {@code cost_allocation} on
 * PostgreSQL in its own transaction — timed from the first dirty hour to the last one attributed.
 * Each run writes into a fresh database; the inputs are in memory (the collection's tables are not
 * what this measures). Prints each run and the median.
 *
 * <p>usage: {@code --postgres jdbc:postgresql://host:port/db [--postgres-user postgres] [--apps
 * 1000000] [--clusters 4] [--days 30] [--runs 3] [--batch 500]}
 */
public final class CostAttributionBenchmark {
  private CostAttributionBenchmark() {}

  public static void main(String[] args) throws Exception {
    String url = null;
    String user = "postgres";
    int apps = 1_000_000;
    int clusters = 4;
    int days = 30;
    int runs = 3;
    int batch = 500;
    for (int i = 0; i < args.length; i += 2) {
      String value = args[i + 1];
      switch (args[i]) {
        case "--postgres" -> url = value;
        case "--postgres-user" -> user = value;
        case "--apps" -> apps = Integer.parseInt(value);
        case "--clusters" -> clusters = Integer.parseInt(value);
        case "--days" -> days = Integer.parseInt(value);
        case "--runs" -> runs = Integer.parseInt(value);
        case "--batch" -> batch = Integer.parseInt(value);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (url == null) {
      url = System.getenv("YM_TEST_PG_URL");
    }
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("--postgres jdbc:postgresql://... (or YM_TEST_PG_URL)");
    }
    long built = System.nanoTime();
    SyntheticFleet fleet =
        new SyntheticFleet(13, clusters, days, apps, Instant.parse("2026-10-01T00:00:00Z"));
    System.out.printf(
        Locale.ROOT,
        "fleet: %,d apps, %,d VM spans, %d clusters, %d days, %,d cluster-hours (built in %.1f s)%n",
        fleet.appCount,
        fleet.vmCount,
        clusters,
        days,
        fleet.hours(),
        (System.nanoTime() - built) / 1e9);
    double[] seconds = new double[runs];
    for (int run = 0; run < runs; run++) {
      SyntheticFleet inputs =
          run == 0
              ? fleet
              : new SyntheticFleet(13, clusters, days, apps, Instant.parse("2026-10-01T00:00:00Z"));
      String database = freshDatabase(url, user);
      try (OneConnection dataSource = new OneConnection(database, user)) {
        AttributionJob job =
            new AttributionJob(
                inputs,
                new HourAttribution(AttributionModel.DEFAULTS),
                new AllocationStore(dataSource),
                batch,
                Duration.ofMinutes(5));
        Instant now = inputs.start().plus(Duration.ofDays(days + 1));
        long begin = System.nanoTime();
        int attributed = 0;
        int failed = 0;
        while (true) {
          AttributionJob.Pass pass = job.runOnce(now);
          attributed += pass.attributed();
          failed += pass.failed();
          if (pass.attributed() + pass.failed() == 0) {
            break;
          }
        }
        seconds[run] = (System.nanoTime() - begin) / 1e9;
        long[] totals = totals(dataSource);
        System.out.printf(
            Locale.ROOT,
            "run %d: %.1f s, %,d hours attributed, %d failed, %,d rows (%,d APP), Σ cost $%,.2f,"
                + " idle $%,.2f%n",
            run + 1,
            seconds[run],
            attributed,
            failed,
            totals[0],
            totals[1],
            totals[2] / 1e6,
            totals[3] / 1e6);
      }
      drop(url, user, database);
    }
    double[] sorted = seconds.clone();
    Arrays.sort(sorted);
    System.out.printf(
        Locale.ROOT,
        "median of %d runs: %.1f s (runs: %s)%n",
        runs,
        sorted[runs / 2],
        format(seconds));
  }

  private static String format(double[] seconds) {
    List<String> parts = new ArrayList<>();
    for (double value : seconds) {
      parts.add(String.format(Locale.ROOT, "%.1f", value));
    }
    return String.join(", ", parts);
  }

  private static long[] totals(OneConnection dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT COUNT(*), SUM(CASE WHEN kind = 'APP' THEN 1 ELSE 0 END),"
                    + " SUM(cost_micros), SUM(CASE WHEN kind = 'IDLE' THEN cost_micros ELSE 0 END)"
                    + " FROM cost_allocation")) {
      result.next();
      return new long[] {
        result.getLong(1), result.getLong(2), result.getLong(3), result.getLong(4)
      };
    }
  }

  private static String freshDatabase(String url, String user) throws SQLException, IOException {
    String name = "cost_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    try (Connection connection = DriverManager.getConnection(url, user, "");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    }
    int slash = url.lastIndexOf('/');
    int query = url.indexOf('?', slash);
    String database = url.substring(0, slash + 1) + name + (query < 0 ? "" : url.substring(query));
    for (String migration :
        List.of("db/migration/V25__cost_allocation.sql", "db/migration/V26__cost_summary.sql")) {
      String script;
      try (InputStream in =
          CostAttributionBenchmark.class.getClassLoader().getResourceAsStream(migration)) {
        script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      StringBuilder sql = new StringBuilder();
      for (String line : script.split("\n")) {
        if (!line.trim().startsWith("--")) {
          sql.append(line).append('\n');
        }
      }
      try (Connection connection = DriverManager.getConnection(database, user, "");
          Statement statement = connection.createStatement()) {
        for (String part : sql.toString().split(";")) {
          if (!part.isBlank()) {
            statement.execute(part);
          }
        }
      }
    }
    return database;
  }

  private static void drop(String url, String user, String database) throws SQLException {
    String name = database.substring(database.lastIndexOf('/') + 1).split("\\?")[0];
    try (Connection connection = DriverManager.getConnection(url, user, "");
        Statement statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + name);
    }
  }
}
