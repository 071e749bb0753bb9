package io.yardmaster.cost.events;

import static io.yardmaster.cost.PoolHistory.tick;
import static io.yardmaster.cost.PoolHistory.vm;
import static org.assertj.core.api.Assertions.assertThat;

import io.yardmaster.autoscaler.policy.ScalingAction;
import io.yardmaster.autoscaler.store.AutoscalerStore;
import io.yardmaster.autoscaler.store.DecisionRecord;
import io.yardmaster.autoscaler.store.DecisionRecord.Outcome;
import io.yardmaster.core.fleet.ScaleEvents;
import io.yardmaster.core.registry.Priority;
import io.yardmaster.cost.CostTestServer;
import io.yardmaster.cost.collect.VmStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The finder over the stores the product writes (the autoscaler's decisions, {@code cost_vm}), with
 * pages far smaller than the product's so that a window's shrinks span many: a VM an old page's
 * shrink deleted is never taken for an eviction, steps of one instant cut by a page are neither
 * lost nor doubled, and the newest events are kept when there are more than asked for.
 */
class PoolEventFinderIT {
  private static final String POOL = "alpha-spot";
  private static final Map<String, String> POOLS = Map.of(POOL, "alpha");
  private static final Instant START = Instant.parse("2026-11-03T00:00:00Z");
  private static final Instant END = Instant.parse("2026-11-05T00:00:00Z");

  @ParameterizedTest
  @EnumSource(CostTestServer.Database.class)
  void deletesOnEveryPageAreToldFromEvictions(CostTestServer.Database database) {
    try (CostTestServer server = CostTestServer.start(database, Map.of())) {
      AutoscalerStore decisions = server.context().getBean(AutoscalerStore.class);
      VmStore vms = server.context().getBean(VmStore.class);
      // a shrink before the window whose VM left the list in it: a delete, not an eviction
      decisions.saveDecision(shrink("2026-11-02T20:00:00Z", "early"));
      vm(vms, POOL, "early", Priority.SPOT, "2026-11-03T00:10:00Z");
      for (int i = 0; i < 10; i++) {
        decisions.saveDecision(shrink(String.format("2026-11-03T%02d:00:00Z", i + 1), "s" + i));
        vm(vms, POOL, "s" + i, Priority.SPOT, String.format("2026-11-03T%02d:02:00Z", i + 1));
      }
      // two shrinks at one instant, which a page of 3 cuts
      decisions.saveDecision(shrink("2026-11-03T12:00:00Z", "t0"));
      decisions.saveDecision(shrink("2026-11-03T12:00:00Z", "t1"));
      vm(vms, POOL, "t0", Priority.SPOT, "2026-11-03T12:02:00Z");
      vm(vms, POOL, "t1", Priority.SPOT, "2026-11-03T12:02:00Z");
      vm(vms, POOL, "e0", Priority.SPOT, "2026-11-03T05:30:00Z");
      vm(vms, POOL, "e1", Priority.SPOT, "2026-11-03T05:30:00Z");
      vm(vms, POOL, "e2", Priority.SPOT, "2026-11-03T14:30:00Z");
      ScaleEvents steps = server.context().getBean(ScaleEvents.class);

      for (int page : List.of(2, 3, 5, PoolEventFinder.PAGE)) {
        PoolEventFinder finder = new PoolEventFinder(vms, steps, page);
        PoolEventFinder.Found found = finder.find(POOLS, START, END, 100);
        assertThat(found.truncated()).isFalse();
        assertThat(found.events())
            .as("evictions, page of " + page)
            .filteredOn(e -> e.kind() == PoolEvent.Kind.SPOT_EVICTION)
            .extracting(e -> e.at() + " " + e.vms())
            .containsExactly("2026-11-03T05:30:00Z 2", "2026-11-03T14:30:00Z 1");
        assertThat(found.events())
            .as("scale-ins, page of " + page)
            .filteredOn(e -> e.kind() == PoolEvent.Kind.SCALE_IN)
            .hasSize(12);

        PoolEventFinder.Found newest = finder.find(POOLS, START, END, 4);
        assertThat(newest.truncated()).isTrue();
        assertThat(newest.events())
            .as("the newest 4, oldest first; page of " + page)
            .extracting(e -> e.at() + " " + e.kind())
            .containsExactly(
                "2026-11-03T10:00:00Z SCALE_IN",
                "2026-11-03T12:00:00Z SCALE_IN",
                "2026-11-03T12:00:00Z SCALE_IN",
                "2026-11-03T14:30:00Z SPOT_EVICTION");
      }
    }
  }

  private static DecisionRecord shrink(String at, String vm) {
    return tick(POOL, at, ScalingAction.SHRINK, Outcome.APPLIED, 5, 4, List.of(vm));
  }
}
