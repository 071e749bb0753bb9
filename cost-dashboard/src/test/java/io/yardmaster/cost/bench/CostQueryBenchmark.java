package io.yardmaster.cost.bench;

import io.yardmaster.cost.AllocationRow;
import io.yardmaster.cost.CostFixtures;
import io.yardmaster.cost.CostTestServer;
import io.yardmaster.cost.FixedClockFactory;
import io.yardmaster.testing.ResponseConformance;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The 30-day cost query on PostgreSQL (issue 13): a real server on a fresh database whose {@code
 * cost_allocation} holds 30 days of rows at a chosen rate of app-hours, queried through HTTP, one
 * request at a time; prints p50/p95/p99 latency per query. Run by {@code bench/cost-query.sh}.
 *
 * <p>usage: CostQueryBenchmark [--app-hours-per-hour 750] [--days 30] [--dags 40] [--requests 200]
 * [--warm-up 30]
 */
public final class CostQueryBenchmark {
  private CostQueryBenchmark() {}

  public static void main(String[] args) throws Exception {
    int perHour = intArg(args, "--app-hours-per-hour", 750);
    int days = intArg(args, "--days", 30);
    int dags = intArg(args, "--dags", 40);
    int requests = intArg(args, "--requests", 200);
    int warmUp = intArg(args, "--warm-up", 30);
    Instant end = Instant.parse("2026-11-30T00:00:00Z");
    Instant start = end.minus(Duration.ofDays(days));
    try (CostTestServer server =
        CostTestServer.start(
            CostTestServer.Database.POSTGRESQL,
            Map.of(
                FixedClockFactory.PROPERTY,
                end.minusSeconds(1800).toString(),
                ResponseConformance.SWITCH,
                "false"))) {
      long loading = System.nanoTime();
      List<AllocationRow> rows = CostFixtures.hours(start, days * 24, perHour, dags, 42);
      server.insert(rows);
      try (Connection connection = server.dataSource().getConnection();
          Statement statement = connection.createStatement()) {
        statement.execute("ANALYZE cost_allocation");
        statement.execute("ANALYZE cost_summary");
      }
      System.out.printf(
          Locale.ROOT,
          "rows in cost_allocation: %,d (%d days, ~%d app-hours an hour, %d DAGs), loaded in %.1f"
              + " s%n",
          rows.size(),
          days,
          perHour,
          dags,
          (System.nanoTime() - loading) / 1e9);
      String admin = server.adminToken();
      String team = server.teamToken("risk");
      String window = days + "d";
      measure(
          server,
          admin,
          "admin, aggregate=dag&step=1d",
          "window=" + window + "&aggregate=dag&step=1d",
          requests,
          warmUp);
      measure(
          server,
          admin,
          "admin, aggregate=dag (one set, the table)",
          "window=" + window + "&aggregate=dag",
          requests,
          warmUp);
      measure(
          server,
          team,
          "team, aggregate=dag&step=1d",
          "window=" + window + "&aggregate=dag&step=1d",
          requests,
          warmUp);
      measure(
          server,
          admin,
          "admin, aggregate=team,dag&step=1h&idle=share",
          "window=" + window + "&aggregate=team,dag&step=1h&idle=share",
          requests / 4,
          warmUp / 4);
    }
  }

  private static void measure(
      CostTestServer server, String token, String what, String query, int requests, int warmUp)
      throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/costs?" + query))
            .header("Authorization", "Bearer " + token)
            .build();
    long bytes = 0;
    List<Long> micros = new ArrayList<>();
    for (int i = 0; i < warmUp + requests; i++) {
      long begin = System.nanoTime();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      long took = (System.nanoTime() - begin) / 1000;
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            query + ": " + response.statusCode() + " " + response.body());
      }
      bytes = response.body().length();
      if (i >= warmUp) {
        micros.add(took);
      }
    }
    micros.sort(Long::compare);
    System.out.printf(
        Locale.ROOT,
        "%-50s p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms  (%d requests, answer %,d bytes)%n",
        what,
        percentile(micros, 50) / 1000.0,
        percentile(micros, 95) / 1000.0,
        percentile(micros, 99) / 1000.0,
        micros.size(),
        bytes);
  }

  private static long percentile(List<Long> sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  private static int intArg(String[] args, String name, int fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return Integer.parseInt(args[i + 1]);
      }
    }
    return fallback;
  }
}
