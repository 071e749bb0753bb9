package io.yardmaster.app.replicas;

import static io.yardmaster.app.testing.CostAnswers.costByTeam;
import static io.yardmaster.app.testing.CostAnswers.costs;
import static io.yardmaster.app.testing.CostAnswers.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.yardmaster.app.testing.AppJar;
import io.yardmaster.app.testing.ReplicaSetup;
import io.yardmaster.app.testing.TwoClusterFleet;
import io.yardmaster.peers.harness.YardmasterProcess;
import io.yardmaster.testing.Databases;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas with the cost role on one PostgreSQL, the simulated fleet (with a replayed past) in
 * a process of its own. The replica that holds the attribution lease is killed with SIGKILL while
 * it works through the past; the other takes the lease over and the killed one comes back. Then
 * every app the ResourceManagers list was collected once, every finished pool-hour's rows add up to
 * that pool-hour's bill as the VM records give it (computed here, independently), and both replicas
 * answer each team's cost from the per-hour summary equal to its apps' rows.
 */
class CostReplicasIT {
  private static final Path LOGS = Path.of("target", "it-logs");
  private static final Path TRACE =
      Path.of("../simulator/src/test/resources/traces/fb2009-head.csv");

  /**
   * Standard_E8s_v5 on demand in micro-dollars per hour: the {@code local} environment's seed
   * (application-local.yml), the only SKU and priority of {@link TwoClusterFleet}.
   */
  private static final long MICROS_PER_HOUR = 584_000;

  private static final long HOUR = Duration.ofHours(1).toMillis();

  @TempDir Path dataDir;

  @Test
  void aKillNineOfTheAttributingReplicaLosesNoAppAndLeavesEveryPoolHourEqualToItsBill()
      throws Exception {
    Map<String, Object> database = Databases.postgres();
    Files.createDirectories(LOGS);
    int fleetPort = YardmasterProcess.freePort();
    Map<String, String> fleetProperties =
        TwoClusterFleet.fleetProcess(fleetPort, 1, dataDir.resolve("fleet"));
    fleetProperties.put(
        "yardmaster.simulator.history.trace", TRACE.toAbsolutePath().normalize().toString());
    try (YardmasterProcess fleet =
        AppJar.start("fleet", fleetPort, fleetProperties, fresh("CostReplicasIT-fleet.log"))) {
      List<Map<String, String>> properties = new ArrayList<>();
      List<Integer> ports = new ArrayList<>();
      List<YardmasterProcess> replicas = new ArrayList<>();
      try {
        for (int i = 0; i < 2; i++) {
          fresh("CostReplicasIT-replica-" + i + ".log");
          properties.add(costReplica(fleet.url(), database, i));
          ports.add(YardmasterProcess.freePort());
          replicas.add(start(i, ports.get(i), properties.get(i)));
        }
        String admin =
            Files.readString(ReplicaSetup.dataDir(dataDir, 0).resolve("admin-token")).trim();
        await("the first attributed hours")
            .atMost(Duration.ofMinutes(3))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> attributedHours(database) >= 3);

        String holder = holder(database, "cost.attribution");
        int victim = holder.endsWith(":" + ports.get(0)) ? 0 : 1;
        assertThat(holder).as("the lease holder is a replica").endsWith(":" + ports.get(victim));
        assertThat(replicas.get(victim).kill()).as("exit after SIGKILL").isEqualTo(128 + 9);
        long hoursAtTheKill = attributedHours(database);
        URI survivor = replicas.get(1 - victim).url();

        await("the lease taken over by the other replica")
            .atMost(Duration.ofMinutes(1))
            .pollInterval(Duration.ofSeconds(1))
            .until(
                () -> holder(database, "cost.attribution").endsWith(":" + ports.get(1 - victim)));
        await("the other replica attributes the whole past")
            .atMost(Duration.ofMinutes(4))
            .pollInterval(Duration.ofSeconds(2))
            .until(() -> names(costs(survivor, admin, "dag")).size() >= 21);
        assertThat(attributedHours(database))
            .as("the kill came mid-way: the survivor had hours left to attribute")
            .isGreaterThan(hoursAtTheKill);
        replicas.set(victim, start(victim, ports.get(victim), properties.get(victim)));

        assertThat(collected(database))
            .as("every app the RMs list, collected once (cluster, app id is the key)")
            .isEqualTo(listed(fleet.url()));
        await("every finished pool-hour's rows add up to its bill")
            .atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofSeconds(2))
            .untilAsserted(
                () -> {
                  Map<String, Long> attributed = attributedByPoolHour(database);
                  assertThat(attributed.size()).as("finished pool-hours").isGreaterThan(40);
                  assertThat(attributed).isEqualTo(billByPoolHour(database, attributed));
                });
        await("each replica's summary equals its apps' rows")
            .atMost(Duration.ofMinutes(1))
            .pollInterval(Duration.ofSeconds(1))
            .untilAsserted(
                () -> {
                  Map<String, Long> first = costByTeam(costs(replicas.get(0).url(), admin, "team"));
                  assertThat(first).hasSizeGreaterThanOrEqualTo(4);
                  assertThat(costByTeam(costs(replicas.get(0).url(), admin, "app")))
                      .isEqualTo(first);
                  assertThat(costByTeam(costs(replicas.get(1).url(), admin, "team")))
                      .isEqualTo(first);
                });
      } finally {
        replicas.forEach(YardmasterProcess::close);
      }
    }
  }

  /**
   * A replica of {@link ReplicaSetup} whose cost loops pass every few seconds, attributing two
   * hours a pass: the past's 25 hours then take a dozen passes, and the kill lands among them.
   */
  private Map<String, String> costReplica(URI fleet, Map<String, Object> database, int index) {
    Map<String, String> properties = ReplicaSetup.properties(fleet, database, dataDir, index);
    properties.put("yardmaster.cost.attribution.interval", "1s");
    properties.put("yardmaster.cost.attribution.batch", "2");
    properties.put("yardmaster.cost.collect.interval", "5s");
    properties.put("yardmaster.cost.collect.vm-interval", "5s");
    return properties;
  }

  private static YardmasterProcess start(int index, int port, Map<String, String> properties)
      throws IOException {
    // Appended: the restarted replica's log follows the killed one's.
    return AppJar.start(
        "cost replica " + index,
        port,
        properties,
        LOGS.resolve("CostReplicasIT-replica-" + index + ".log"));
  }

  private static String holder(Map<String, Object> database, String lease) throws SQLException {
    try (Connection connection = connect(database);
        Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery("SELECT holder FROM lease WHERE name = '" + lease + "'")) {
      assertThat(row.next()).as("lease %s held", lease).isTrue();
      return row.getString(1);
    }
  }

  private static long attributedHours(Map<String, Object> database) throws SQLException {
    try (Connection connection = connect(database);
        Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery("SELECT COUNT(DISTINCT hour_start) FROM cost_allocation")) {
      row.next();
      return row.getLong(1);
    }
  }

  /** {@code cluster/appId} of every app collection stored. */
  private static Set<String> collected(Map<String, Object> database) throws SQLException {
    Set<String> apps = new TreeSet<>();
    try (Connection connection = connect(database);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT cluster, app_id FROM cost_app")) {
      while (rows.next()) {
        apps.add(rows.getString(1) + "/" + rows.getString(2));
      }
    }
    return apps;
  }

  private static Set<String> listed(URI fleet) throws IOException {
    return TwoClusterFleet.appsByJob(fleet).values().stream()
        .flatMap(List::stream)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** Σ cost_micros per {@code hour/cluster/pool}, for the hours that ended over 5 minutes ago. */
  private static Map<String, Long> attributedByPoolHour(Map<String, Object> database)
      throws SQLException {
    long before = System.currentTimeMillis() - Duration.ofMinutes(5).toMillis();
    long lastEnded = before - Math.floorMod(before, HOUR) - HOUR;
    Map<String, Long> sums = new TreeMap<>();
    try (Connection connection = connect(database);
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT hour_start, cluster, pool, SUM(cost_micros) FROM cost_allocation"
                    + " WHERE hour_start <= "
                    + lastEnded
                    + " GROUP BY hour_start, cluster, pool")) {
      while (rows.next()) {
        sums.put(poolHour(rows.getLong(1), rows.getString(2), rows.getString(3)), rows.getLong(4));
      }
    }
    return sums;
  }

  /**
   * Each pool-hour's bill from {@code cost_vm}, from the first attributed hour to the last ended
   * one: every VM second started in the hour at the pool's one price, rounded half up once.
   */
  private static Map<String, Long> billByPoolHour(
      Map<String, Object> database, Map<String, Long> attributed) throws SQLException {
    long first = attributed.keySet().stream().mapToLong(key -> hourOf(key)).min().orElseThrow();
    long last = attributed.keySet().stream().mapToLong(key -> hourOf(key)).max().orElseThrow();
    Map<String, Long> seconds = new HashMap<>();
    try (Connection connection = connect(database);
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT cluster, pool, created_at, deleted_at FROM cost_vm")) {
      while (rows.next()) {
        long created = rows.getLong(3);
        long deleted = rows.getLong(4);
        long billed = rows.wasNull() ? Long.MAX_VALUE / 2 : ceilDiv(deleted - created, 1000);
        for (long hour = first; hour <= last; hour += HOUR) {
          long from = Math.max(0, ceilDiv(hour - created, 1000));
          long to = Math.min(billed, ceilDiv(hour + HOUR - created, 1000));
          if (to > from) {
            seconds.merge(
                poolHour(hour, rows.getString(1), rows.getString(2)), to - from, Long::sum);
          }
        }
      }
    }
    Map<String, Long> bills = new TreeMap<>();
    seconds.forEach((key, count) -> bills.put(key, (count * MICROS_PER_HOUR + 1800) / 3600));
    return bills;
  }

  private static long ceilDiv(long numerator, long denominator) {
    return -Math.floorDiv(-numerator, denominator);
  }

  private static String poolHour(long hour, String cluster, String pool) {
    return hour + "/" + cluster + "/" + pool;
  }

  private static long hourOf(String poolHour) {
    return Long.parseLong(poolHour.substring(0, poolHour.indexOf('/')));
  }

  private static Connection connect(Map<String, Object> database) throws SQLException {
    return DriverManager.getConnection(
        (String) database.get("datasources.default.url"),
        (String) database.get("datasources.default.username"),
        (String) database.get("datasources.default.password"));
  }

  private static Path fresh(String name) throws IOException {
    Path log = LOGS.resolve(name);
    Files.deleteIfExists(log);
    return log;
  }
}
