package io.yardmaster.lease;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.yardmaster.core.Roles;
import io.yardmaster.core.lease.JdbcLeases;
import io.yardmaster.testing.Databases;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Two or more replicas' leases on one database, on H2 and on PostgreSQL. */
class JdbcLeasesIT {
  private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
  private static final Duration TTL = Duration.ofSeconds(15);

  static List<Map<String, Object>> databases() {
    return Databases.all();
  }

  private static ApplicationContext start(Map<String, Object> database) {
    Map<String, Object> properties = new HashMap<>(database);
    properties.put(Roles.API, "false");
    properties.put(Roles.AUTOSCALER, "false");
    return ApplicationContext.run(properties, "test");
  }

  @ParameterizedTest
  @MethodSource("databases")
  void oneHolderAtATimeUntilTheLeaseExpiresOrIsReleased(Map<String, Object> database) {
    try (ApplicationContext context = start(database)) {
      DataSource dataSource = context.getBean(DataSource.class);
      JdbcLeases first = new JdbcLeases(dataSource, -1);
      JdbcLeases second = new JdbcLeases(dataSource, -1);
      assertThat(first.holder()).isNotEqualTo(second.holder());

      assertThat(first.hold("jobs.submitter", T0, TTL)).isTrue();
      assertThat(second.hold("jobs.submitter", T0.plusSeconds(1), TTL)).isFalse();
      assertThat(first.hold("jobs.submitter", T0.plusSeconds(10), TTL)).as("renewed").isTrue();
      assertThat(second.hold("jobs.submitter", T0.plusSeconds(20), TTL))
          .as("the renewal moved the end to t0+25s")
          .isFalse();
      assertThat(second.hold("jobs.tracker.alpha", T0, TTL)).as("another name").isTrue();

      assertThat(second.hold("jobs.submitter", T0.plusSeconds(26), TTL))
          .as("taken over after the holder stopped renewing")
          .isTrue();
      assertThat(first.hold("jobs.submitter", T0.plusSeconds(27), TTL))
          .as("the old holder has lost it")
          .isFalse();

      second.releaseAll();
      assertThat(first.hold("jobs.submitter", T0.plusSeconds(28), TTL))
          .as("released: taken at once")
          .isTrue();
      assertThat(first.hold("jobs.tracker.alpha", T0.plusSeconds(28), TTL)).isTrue();
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void replicasRacingForAFreeLeaseLeaveExactlyOneHolder(Map<String, Object> database)
      throws Exception {
    try (ApplicationContext context = start(database)) {
      DataSource dataSource = context.getBean(DataSource.class);
      List<JdbcLeases> replicas =
          IntStream.range(0, 8).mapToObj(i -> new JdbcLeases(dataSource, -1)).toList();
      ExecutorService pool = Executors.newFixedThreadPool(replicas.size());
      try {
        for (int round = 0; round < 20; round++) {
          String name = "race." + round;
          List<Callable<Boolean>> takers =
              replicas.stream().map(r -> (Callable<Boolean>) () -> r.hold(name, T0, TTL)).toList();
          long holders = 0;
          for (Future<Boolean> taken : pool.invokeAll(takers)) {
            holders += taken.get() ? 1 : 0;
          }
          assertThat(holders).as(name).isEqualTo(1);
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aProcessRestartedOnTheSameHostAndPortTakesItsLeasesBackAtOnce(Map<String, Object> database) {
    try (ApplicationContext context = start(database)) {
      DataSource dataSource = context.getBean(DataSource.class);
      JdbcLeases crashed = new JdbcLeases(dataSource, 8080);
      assertThat(crashed.hold("jobs.submitter", T0, TTL)).isTrue();
      JdbcLeases restarted = new JdbcLeases(dataSource, 8080);
      assertThat(restarted.hold("jobs.submitter", T0.plusSeconds(1), TTL)).isTrue();
      assertThat(new JdbcLeases(dataSource, 8081).hold("jobs.submitter", T0.plusSeconds(2), TTL))
          .as("another replica on the same host")
          .isFalse();
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aHugeOrNonAsciiNameIsHeldLikeAnyOther(Map<String, Object> database) {
    try (ApplicationContext context = start(database)) {
      JdbcLeases leases = new JdbcLeases(context.getBean(DataSource.class), -1);
      String cluster = "jobs.tracker.clüster-β=1";
      assertThat(leases.hold(cluster, T0, TTL)).isTrue();
      assertThat(new JdbcLeases(context.getBean(DataSource.class), -1).hold(cluster, T0, TTL))
          .isFalse();
    }
  }
}
