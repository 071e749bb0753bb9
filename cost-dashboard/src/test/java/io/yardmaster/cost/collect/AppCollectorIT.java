package io.yardmaster.cost.collect;

import static org.assertj.core.api.Assertions.assertThat;

import io.yardmaster.core.peer.rm.ResourceManagerClient;
import io.yardmaster.core.registry.ClusterConfig;
import io.yardmaster.core.registry.ClusterRegistry;
import io.yardmaster.cost.attribution.AppUsage;
import io.yardmaster.cost.attribution.AttributionInputs;
import io.yardmaster.cost.testing.CostDatabases;
import io.yardmaster.cost.testing.CostFleet;
import io.yardmaster.simulator.model.SimulatedApplication;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Collection of apps from the simulator's RM emulator over HTTP, on H2 and PostgreSQL: incremental,
 * idempotent, running apps accrued, untagged apps kept, and the RM's rotation detected as gaps.
 */
class AppCollectorIT {
  static List<Map<String, Object>> databases() {
    return CostDatabases.all();
  }

  private static AppCollector collector(CostFleet fleet) {
    return new AppCollector(
        fleet.bean(ClusterRegistry.class),
        fleet.bean(ResourceManagerClient.class),
        fleet.bean(AppStore.class),
        fleet.bean(DirtyHours.class),
        fleet.clock(),
        CollectConfig.defaults());
  }

  private static ClusterConfig alpha(CostFleet fleet) {
    return fleet.bean(ClusterRegistry.class).cluster(CostFleet.CLUSTER).orElseThrow();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void readsRunningThenFinishedAppsOnceEachWithTwoRequestsAPass(Map<String, Object> database) {
    try (CostFleet fleet = new CostFleet(database, 100)) {
      AppCollector collector = collector(fleet);
      AppStore store = fleet.bean(AppStore.class);
      SimulatedApplication tagged =
          fleet.submit(
              "airflow",
              "root.default",
              List.of("ym-job-j1", "ym-team-risk", "ym-dag-daily", "ym-task-load", "ym-run-r1"),
              2,
              Duration.ofMinutes(3));
      SimulatedApplication untagged =
          fleet.submit("bob", "root.etl", List.of(), 1, Duration.ofMinutes(10));
      fleet.skip(Duration.ofMinutes(1));

      long before = fleet.rmRequests();
      AppCollector.Pass first = collector.collect(alpha(fleet));
      assertThat(fleet.rmRequests() - before).as("requests in one pass").isEqualTo(2);
      assertThat(first.read()).isEqualTo(2);
      StoredApp running = store.find("alpha", tagged.id()).orElseThrow();
      assertThat(running.finishedAt()).as("still running").isNull();
      assertThat(running.vcoreSeconds()).isPositive();
      long soFar = running.vcoreSeconds();

      fleet.skip(Duration.ofMinutes(4));
      long passStart = fleet.fleet().now().toEpochMilli();
      collector.collect(alpha(fleet));
      StoredApp done = store.find("alpha", tagged.id()).orElseThrow();
      long now = fleet.fleet().now().toEpochMilli();
      assertThat(done.state()).isEqualTo("FINISHED");
      assertThat(done.finalStatus()).isEqualTo("SUCCEEDED");
      assertThat(done.finishedAt()).isEqualTo(tagged.finishedMillis());
      assertThat(done.vcoreSeconds()).isEqualTo(tagged.vcoreSeconds(now)).isGreaterThan(soFar);
      assertThat(done.memoryMbSeconds()).isEqualTo(tagged.memorySeconds(now));
      StoredApp other = store.find("alpha", untagged.id()).orElseThrow();
      assertThat(other.finishedAt()).as("accrued so far").isNull();
      assertThat(other.queue()).isEqualTo("etl");
      assertThat(other.user()).isEqualTo("bob");
      assertThat(other.observedAt()).isBetween(passStart, now);

      // More apps finished do not make a pass ask more.
      IntStream.range(0, 5)
          .forEach(
              i -> fleet.submit("airflow", "root.default", List.of(), 1, Duration.ofSeconds(20)));
      fleet.skip(Duration.ofMinutes(2));
      before = fleet.rmRequests();
      AppCollector.Pass third = collector.collect(alpha(fleet));
      assertThat(fleet.rmRequests() - before).isEqualTo(2);
      assertThat(third.changed()).as("5 new, 1 running").isEqualTo(6);
      AppCollector.Pass again = collector.collect(alpha(fleet));
      assertThat(again.changed())
          .as("idempotent: the overlap's re-reads change nothing")
          .isEqualTo(1);
      assertThat(again.gaps()).isZero();

      AttributionInputs inputs = fleet.bean(CollectedInputs.class);
      Instant hour = Instant.ofEpochMilli(DirtyHours.hourOf(tagged.launchedMillis()));
      List<AppUsage> apps = inputs.apps("alpha", hour, hour.plus(Duration.ofHours(2)));
      AppUsage usage =
          apps.stream().filter(a -> a.appId().equals(tagged.id())).findFirst().orElseThrow();
      assertThat(usage.tags()).contains("ym-team-risk", "ym-dag-daily", "ym-run-r1");
      assertThat(usage.launched()).isEqualTo(Instant.ofEpochMilli(tagged.launchedMillis()));
      assertThat(usage.finished()).isEqualTo(Instant.ofEpochMilli(tagged.finishedMillis()));
      assertThat(apps).anySatisfy(a -> assertThat(a.finished()).isNull());
      assertThat(inputs.dirtyHours(100)).isNotEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void appsTheRmRotatedOutBeforeTheyWereReadAreRecordedAsGaps(Map<String, Object> database) {
    try (CostFleet fleet = new CostFleet(database, 3)) {
      AppCollector collector = collector(fleet);
      AppStore store = fleet.bean(AppStore.class);
      SimulatedApplication longRunning =
          fleet.submit("airflow", "root.default", List.of(), 1, Duration.ofMinutes(5));
      fleet.submit("airflow", "root.default", List.of(), 1, Duration.ofSeconds(10));
      fleet.skip(Duration.ofMinutes(1));
      collector.collect(alpha(fleet));
      assertThat(store.live("alpha"))
          .extracting(StoredApp::appId)
          .containsExactly(longRunning.id());

      // Five short apps end between two passes; the RM keeps only the last three ended apps.
      List<SimulatedApplication> burst =
          IntStream.range(0, 5)
              .mapToObj(
                  i ->
                      fleet.submit("airflow", "root.default", List.of(), 1, Duration.ofSeconds(10)))
              .toList();
      fleet.skip(Duration.ofMinutes(1));
      collector.collect(alpha(fleet));
      AppCollector.Pass next = collector.collect(alpha(fleet));
      assertThat(next.gaps()).isEqualTo(2);
      assertThat(store.gaps(0, 10))
          .extracting(AppStore.Gap::appId, AppStore.Gap::kind)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple(burst.get(0).id(), "NEVER_SEEN"),
              org.assertj.core.groups.Tuple.tuple(burst.get(1).id(), "NEVER_SEEN"));

      // The running app ends and three more after it, all before the next pass.
      fleet.skip(Duration.ofMinutes(5));
      IntStream.range(0, 3)
          .forEach(
              i -> fleet.submit("airflow", "root.default", List.of(), 1, Duration.ofSeconds(5)));
      fleet.skip(Duration.ofMinutes(1));
      AppCollector.Pass after = collector.collect(alpha(fleet));
      assertThat(after.gaps()).isEqualTo(1);
      StoredApp closed = store.find("alpha", longRunning.id()).orElseThrow();
      assertThat(closed.finalStatus()).isEqualTo("UNKNOWN");
      assertThat(closed.finishedAt())
          .as("closed at its last reading")
          .isEqualTo(closed.observedAt());
      assertThat(closed.vcoreSeconds()).as("its usage so far is kept").isPositive();
      assertThat(store.gaps(0, 10))
          .anySatisfy(
              gap -> {
                assertThat(gap.appId()).isEqualTo(longRunning.id());
                assertThat(gap.kind()).isEqualTo("SEEN_RUNNING");
              });
      assertThat(collector.collect(alpha(fleet)).gaps()).as("each gap once").isZero();
    }
  }
}
