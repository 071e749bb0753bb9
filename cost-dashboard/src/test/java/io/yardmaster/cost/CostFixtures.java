package io.yardmaster.cost;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Days of {@code cost_allocation} rows as attribution writes them, made from a seed: a few teams'
 * DAGs running tasks on three pools of two clusters, some attempts failing and retried, some apps
 * without tags, and each pool-hour's bill split so that its rows add up to it exactly (and the idle
 * shares and causes with their IDLE remainders too).
 */
public final class CostFixtures {
  public static final List<String> TEAMS = List.of("risk", "ml", "growth", "finance");
  public static final String[][] POOLS = {
    {"alpha", "alpha-ondemand"}, {"alpha", "alpha-spot"}, {"beta", "beta-ondemand"}
  };
  static final String[] TASKS = {"extract", "transform", "score", "report", "publish"};

  private CostFixtures() {}

  /** The DAG ids: {@code dags} of them, dealt round the teams. */
  public static String dag(int index) {
    return TEAMS.get(index % TEAMS.size()) + "_dag_" + index;
  }

  public static String teamOf(String dag) {
    return dag.substring(0, dag.indexOf('_'));
  }

  /**
   * {@code hours} hours from {@code start} with about {@code appsPerHour} apps an hour over the
   * pools, of {@code dags} DAGs.
   */
  public static List<AllocationRow> hours(
      Instant start, int hours, int appsPerHour, int dags, long seed) {
    Random random = new Random(seed);
    List<AllocationRow> rows = new ArrayList<>();
    int appSequence = 0;
    for (int h = 0; h < hours; h++) {
      long hour = start.plus(Duration.ofHours(h)).toEpochMilli();
      LocalDate day = LocalDate.ofInstant(Instant.ofEpochMilli(hour), ZoneOffset.UTC);
      for (String[] pool : POOLS) {
        int apps = Math.max(1, appsPerHour / POOLS.length + random.nextInt(3) - 1);
        List<AllocationRow> poolApps = new ArrayList<>();
        long bill = 3_000_000L + random.nextInt(9_000_000); // $3 to $12 a pool-hour
        long[] weights = new long[apps];
        long weightSum = 0;
        for (int a = 0; a < apps; a++) {
          weights[a] = 1 + random.nextInt(1000);
          weightSum += weights[a];
        }
        long allocatable = bill * (60 + random.nextInt(35)) / 100;
        long allocated = 0;
        long idleGuess = bill - allocatable;
        long shared = 0;
        long caused = 0;
        for (int a = 0; a < apps; a++) {
          appSequence++;
          boolean tagged = random.nextInt(12) != 0;
          int dagIndex = random.nextInt(dags);
          String dag = tagged ? dag(dagIndex) : "";
          String team = tagged ? teamOf(dag) : "";
          String task = tagged ? TASKS[random.nextInt(TASKS.length)] : "";
          String run = tagged ? "scheduled__" + day + "T00:00:00+00:00" : "";
          boolean failed = random.nextInt(10) == 0;
          String status = failed ? (random.nextBoolean() ? "FAILED" : "KILLED") : "SUCCEEDED";
          long cost = allocatable * weights[a] / weightSum;
          long cpu = cost * 6 / 10;
          long share = idleGuess * weights[a] / weightSum;
          long cause = a == 0 ? idleGuess / 3 : 0;
          allocated += cost;
          shared += share;
          caused += cause;
          poolApps.add(
              new AllocationRow(
                  hour,
                  pool[0],
                  pool[1],
                  "APP",
                  String.format("application_1700000000000_%06d", appSequence),
                  team,
                  dag,
                  task,
                  run,
                  tagged ? 1 + random.nextInt(2) : -1,
                  tagged ? "job-" + appSequence : "",
                  tagged ? "root." + team : "adhoc",
                  tagged ? team + "-svc" : "bob",
                  status,
                  weights[a] * 36,
                  weights[a] * 36 * 4096,
                  cpu,
                  cost - cpu,
                  cost,
                  share,
                  cause));
        }
        long idle = bill - allocated;
        rows.addAll(poolApps);
        rows.add(
            new AllocationRow(
                hour,
                pool[0],
                pool[1],
                "IDLE",
                "",
                "",
                "",
                "",
                "",
                -1,
                "",
                "",
                "",
                "",
                0,
                0,
                0,
                0,
                idle,
                idle - shared,
                idle - caused));
      }
    }
    return rows;
  }
}
