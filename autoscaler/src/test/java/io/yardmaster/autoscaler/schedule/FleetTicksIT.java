package io.yardmaster.autoscaler.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.yardmaster.autoscaler.TestDatabases;
import io.yardmaster.autoscaler.loop.SimulatedFleetFixture;
import io.yardmaster.autoscaler.policy.ScalingAction;
import io.yardmaster.autoscaler.store.AutoscalerStore;
import io.yardmaster.autoscaler.store.DecisionRecord;
import io.yardmaster.autoscaler.store.DecisionRecord.Outcome;
import io.yardmaster.autoscaler.store.PoolOperation.State;
import io.yardmaster.simulator.model.ApplicationSpec;
import io.yardmaster.simulator.model.Resources;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * No scheduler worker waits on a cloud operation. Thirty pools (three times Quartz's ten worker
 * threads) on the simulated fleet, ticked every 2 s by the real scheduler; the ARM emulator's
 * operations last 10 minutes (simulated). A burst of demand on every pool at once starts thirty
 * grows; while they all run, every pool's tick still begins within 2 s of its schedule, and the
 * operations are seen over at later ticks once the simulation passes their end.
 */
class FleetTicksIT {
  private static final int POOLS = 30;
  private static final Duration LATE = Duration.ofSeconds(2);

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void everyTickStartsOnTimeWhileEveryPoolHasAnOperationInFlight(TestDatabases.Kind database) {
    Map<String, Object> settings = new HashMap<>(TestDatabases.settings(database));
    settings.put("yardmaster.simulator.arm.operation-duration", "10m");
    settings.put("yardmaster.autoscaler.scheduler-enabled", true);
    settings.put("yardmaster.autoscaler.tick", "2s");
    try (SimulatedFleetFixture fleet =
        new SimulatedFleetFixture(POOLS, 2, Duration.ofSeconds(30), settings)) {
      AutoscalerStore store = fleet.store();
      IntStream.rangeClosed(1, POOLS).forEach(i -> burst(fleet, i));

      Map<String, Instant> grewAt = new HashMap<>();
      await()
          .atMost(Duration.ofSeconds(90))
          .until(
              () -> {
                for (int i = 1; i <= POOLS; i++) {
                  String pool = SimulatedFleetFixture.poolName(i);
                  if (!grewAt.containsKey(pool)) {
                    store.decisions(pool, 50).stream()
                        .filter(FleetTicksIT::startedAGrow)
                        .map(DecisionRecord::tickAt)
                        .min(Comparator.naturalOrder())
                        .ifPresent(at -> grewAt.put(pool, at));
                  }
                }
                return grewAt.size() == POOLS;
              });
      // Three more ticks of every pool while every operation is still running.
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  grewAt.keySet().stream()
                      .allMatch(pool -> ticksAfter(store, pool, grewAt.get(pool)).size() >= 3));
      for (String pool : grewAt.keySet()) {
        assertThat(store.operation(pool).orElseThrow().state()).isEqualTo(State.IN_PROGRESS);
        assertThat(ticksAfter(store, pool, grewAt.get(pool)))
            .allSatisfy(tick -> assertThat(tick.action()).isEqualTo(ScalingAction.HOLD));
      }

      // The ticks stored by now all held with the operation in flight; one that began before the
      // skip and looked at the operation after it may see it over, so the bound is what was stored.
      Map<String, Instant> lastBeforeSkip = new HashMap<>();
      for (String pool : grewAt.keySet()) {
        lastBeforeSkip.put(
            pool,
            store.decisions(pool, 1000).stream()
                .map(DecisionRecord::tickAt)
                .max(Comparator.naturalOrder())
                .orElseThrow());
      }
      fleet.skip(Duration.ofMinutes(11));
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  grewAt.keySet().stream()
                      .allMatch(
                          pool -> sawFirstGrowEnd(store, pool, grewAt.get(pool)).isPresent()));
      for (String pool : grewAt.keySet()) {
        DecisionRecord sawItEnd = sawFirstGrowEnd(store, pool, grewAt.get(pool)).orElseThrow();
        assertThat(sawItEnd.tickAt()).isAfter(lastBeforeSkip.get(pool));
      }

      List<Duration> lags = new ArrayList<>();
      for (int i = 1; i <= POOLS; i++) {
        for (DecisionRecord tick : store.decisions(SimulatedFleetFixture.poolName(i), 1000)) {
          lags.add(Duration.between(tick.tickAt(), tick.startedAt()));
        }
      }
      Duration worst = lags.stream().max(Comparator.naturalOrder()).orElseThrow();
      System.out.printf(
          "FleetTicksIT %s: %d ticks of %d pools, worst lag %d ms%n",
          database, lags.size(), POOLS, worst.toMillis());
      assertThat(lags)
          .hasSizeGreaterThan(POOLS * 5)
          .allSatisfy(lag -> assertThat(lag).isLessThan(LATE));
    }
  }

  private static boolean startedAGrow(DecisionRecord decision) {
    return decision.action() == ScalingAction.GROW && decision.outcome() == Outcome.APPLIED;
  }

  private static List<DecisionRecord> ticksAfter(AutoscalerStore store, String pool, Instant at) {
    return store.decisions(pool, 1000).stream()
        .filter(decision -> decision.tickAt().isAfter(at))
        .toList();
  }

  /**
   * The tick that saw the pool's first grow end: its decision names it. (The pool may start another
   * grow in that same tick, so the operation stored by then may be a newer one.)
   */
  private static Optional<DecisionRecord> sawFirstGrowEnd(
      AutoscalerStore store, String pool, Instant grewAt) {
    return ticksAfter(store, pool, grewAt).stream()
        .filter(decision -> decision.reason().contains("(SUCCEEDED after"))
        .findFirst();
  }

  /** An application on cluster {@code i} that needs more nodes than the pool has. */
  private static void burst(SimulatedFleetFixture fleet, int i) {
    fleet
        .rm(SimulatedFleetFixture.clusterName(i))
        .submit(
            new ApplicationSpec(
                "burst-" + i,
                "alice",
                "root.default",
                List.of(),
                new Resources(2048, 1),
                new Resources(4096, 1),
                40,
                Duration.ofHours(2),
                null));
  }
}
