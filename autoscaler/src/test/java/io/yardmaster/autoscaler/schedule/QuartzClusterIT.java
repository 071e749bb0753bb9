package io.yardmaster.autoscaler.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.runtime.server.EmbeddedServer;
import io.yardmaster.autoscaler.TestDatabases;
import io.yardmaster.autoscaler.loop.SimulatedFleetFixture;
import io.yardmaster.autoscaler.store.AutoscalerStore;
import io.yardmaster.autoscaler.store.DecisionRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Two autoscaler instances (two application contexts) on one real PostgreSQL: Quartz's clustered
 * JDBC job store runs each pool's tick once, and when one instance goes away the other keeps
 * ticking.
 */
class QuartzClusterIT {

  private static String freshDatabase() {
    return TestDatabases.freshPostgres();
  }

  private static Map<String, Object> instance(String database, String id) {
    Map<String, Object> settings = new HashMap<>();
    settings.put("datasources.default.url", database);
    settings.put("datasources.default.username", "postgres");
    settings.put("datasources.default.password", "");
    settings.put("yardmaster.autoscaler.scheduler-enabled", true);
    settings.put("yardmaster.autoscaler.tick", "1s");
    settings.put("yardmaster.autoscaler.cluster-checkin-interval", "1s");
    settings.put("yardmaster.autoscaler.instance-id", id);
    return settings;
  }

  @Test
  void eachTickRunsOnceAndASurvivorTakesOver() throws Exception {
    String database = freshDatabase();
    try (SimulatedFleetFixture fleet =
        new SimulatedFleetFixture(2, Duration.ofSeconds(1), Map.of())) {
      EmbeddedServer first = fleet.startAutoscaler(instance(database, "first"));
      EmbeddedServer second = fleet.startAutoscaler(instance(database, "second"));
      AutoscalerStore store = second.getApplicationContext().getBean(AutoscalerStore.class);
      assertThat(second.getApplicationContext().getBean(AutoscalerScheduler.class).clustered())
          .isTrue();
      try {
        await()
            .atMost(Duration.ofSeconds(40))
            .until(() -> store.decisions(SimulatedFleetFixture.POOL, 100).size() >= 8);
      } finally {
        first.close();
      }
      List<DecisionRecord> together = store.decisions(SimulatedFleetFixture.POOL, 1000);
      Map<Instant, Long> perTick =
          together.stream()
              .collect(Collectors.groupingBy(DecisionRecord::tickAt, Collectors.counting()));
      assertThat(perTick).allSatisfy((tick, count) -> assertThat(count).as("%s", tick).isOne());

      Instant stopped = Instant.now();
      List<DecisionRecord> all;
      try {
        await()
            .atMost(Duration.ofSeconds(40))
            .until(
                () ->
                    store.decisions(SimulatedFleetFixture.POOL, 1000).stream()
                            .filter(decision -> decision.tickAt().isAfter(stopped))
                            .count()
                        >= 3);
        all = store.decisions(SimulatedFleetFixture.POOL, 1000);
      } finally {
        second.close();
      }
      assertThat(all)
          .filteredOn(decision -> decision.tickAt().isAfter(stopped))
          .extracting(DecisionRecord::schedulerId)
          .containsOnly("second");
      Map<Instant, DecisionRecord> unique =
          all.stream()
              .collect(Collectors.toMap(DecisionRecord::tickAt, Function.identity(), (a, b) -> a));
      assertThat(unique).hasSize(all.size());
    }
  }
}
