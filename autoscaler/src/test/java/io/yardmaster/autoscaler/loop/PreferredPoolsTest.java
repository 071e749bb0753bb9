package io.yardmaster.autoscaler.loop;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.core.annotation.Nullable;
import io.yardmaster.autoscaler.TestClusters;
import io.yardmaster.autoscaler.policy.ScalingAction;
import io.yardmaster.autoscaler.store.AutoscalerStore;
import io.yardmaster.autoscaler.store.DecisionRecord;
import io.yardmaster.autoscaler.store.DecisionRecord.Outcome;
import io.yardmaster.core.registry.ClusterRegistry;
import io.yardmaster.core.registry.NodePoolConfig;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rule that lets a less preferred pool grow for demand, against a real (H2) store: every pool
 * ranked before it is paused, backed off, throttled or at its max by its latest decision.
 */
class PreferredPoolsTest {
  private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

  private final NodePoolConfig onDemand = pool("ondemand", 10, 5);
  private final NodePoolConfig reserve = pool("reserve", 20, 3);
  private final NodePoolConfig spot = pool("spot", 30, 20);
  private final AutoscalerStore store = H2Stores.fresh();
  private final PreferredPools preferredPools =
      new PreferredPools(
          new ClusterRegistry(
              List.of(
                  TestClusters.cluster(
                      "c1",
                      URI.create("http://localhost:1/livy"),
                      URI.create("http://localhost:1/rm"))),
              List.of(spot, reserve, onDemand)),
          store);

  private static NodePoolConfig pool(String name, int preference, int maxNodes) {
    return new NodePoolConfig(
        name,
        "c1",
        "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachineScaleSets/"
            + name,
        "Standard_D8s_v5",
        8,
        32768,
        null,
        null,
        null,
        0,
        maxNodes,
        preference,
        0);
  }

  private void decided(
      NodePoolConfig pool,
      Instant at,
      ScalingAction action,
      Outcome outcome,
      @Nullable Integer capacity,
      int target) {
    store.saveDecision(
        new DecisionRecord(
            null,
            pool.name(),
            "c1",
            at,
            "test",
            action,
            outcome,
            capacity,
            target,
            0,
            0,
            0,
            0,
            0,
            0,
            false,
            List.of(),
            "test",
            "test"));
  }

  private void held(NodePoolConfig pool, int capacity) {
    decided(pool, NOW.minusSeconds(30), ScalingAction.HOLD, Outcome.NONE, capacity, capacity);
  }

  @Test
  void theMostPreferredPoolHasNothingBeforeIt() {
    assertThat(preferredPools.exhaustedBefore(onDemand, NOW)).isEmpty();
  }

  @Test
  void aPoolWithNoDecisionYetIsNotExhausted() {
    assertThat(preferredPools.exhaustedBefore(reserve, NOW)).isEmpty();
  }

  @Test
  void atItsMaxByTheCapacityLastRead() {
    held(onDemand, 4);
    assertThat(preferredPools.exhaustedBefore(reserve, NOW)).isEmpty();

    decided(onDemand, NOW.minusSeconds(10), ScalingAction.HOLD, Outcome.NONE, 5, 5);
    assertThat(preferredPools.exhaustedBefore(reserve, NOW))
        .hasValue("preferred pools cannot grow: ondemand at max 5");
  }

  @Test
  void theOperatorsMaxOverridesTheConfiguredOne() {
    held(onDemand, 4);
    store.setBounds(onDemand.name(), null, 4);
    assertThat(preferredPools.exhaustedBefore(reserve, NOW))
        .hasValue("preferred pools cannot grow: ondemand at max 4");

    store.setBounds(onDemand.name(), null, 8);
    held(onDemand, 5);
    assertThat(preferredPools.exhaustedBefore(reserve, NOW)).isEmpty();
  }

  @Test
  void anAppliedGrowCountsItsTargetButOneNotActedOnDoesNot() {
    decided(onDemand, NOW.minusSeconds(30), ScalingAction.GROW, Outcome.SKIPPED, 2, 5);
    assertThat(preferredPools.exhaustedBefore(reserve, NOW)).isEmpty();
    decided(onDemand, NOW.minusSeconds(20), ScalingAction.GROW, Outcome.FAILED, 2, 5);
    assertThat(preferredPools.exhaustedBefore(reserve, NOW)).isEmpty();

    decided(onDemand, NOW.minusSeconds(10), ScalingAction.GROW, Outcome.APPLIED, 2, 5);
    assertThat(preferredPools.exhaustedBefore(reserve, NOW))
        .hasValue("preferred pools cannot grow: ondemand at max 5");
  }

  @Test
  void onlyTheLatestDecisionCounts() {
    held(onDemand, 5);
    decided(onDemand, NOW.minusSeconds(10), ScalingAction.SHRINK, Outcome.APPLIED, 3, 3);
    assertThat(preferredPools.exhaustedBefore(reserve, NOW)).isEmpty();
  }

  @Test
  void pausedBackedOffOrThrottledUntilLaterCannotGrow() {
    held(onDemand, 1);
    String pool = onDemand.name();

    store.setPaused(pool, true);
    assertThat(preferredPools.exhaustedBefore(reserve, NOW))
        .hasValue("preferred pools cannot grow: ondemand paused");

    store.setPaused(pool, false);
    store.setBackoff(pool, NOW.plusSeconds(60), 1);
    assertThat(preferredPools.exhaustedBefore(reserve, NOW))
        .hasValueSatisfying(why -> assertThat(why).contains("ondemand backed off until"));
    store.setBackoff(pool, NOW, 1);
    assertThat(preferredPools.exhaustedBefore(reserve, NOW)).isEmpty();

    store.setWritesBlockedUntil(pool, NOW.plusSeconds(60));
    assertThat(preferredPools.exhaustedBefore(reserve, NOW))
        .hasValueSatisfying(why -> assertThat(why).contains("ondemand throttled (429) until"));
    store.setWritesBlockedUntil(pool, NOW.minusSeconds(1));
    assertThat(preferredPools.exhaustedBefore(reserve, NOW)).isEmpty();
  }

  @Test
  void everyPoolRankedBeforeMustBeExhausted() {
    held(onDemand, 5);
    held(reserve, 2);
    assertThat(preferredPools.exhaustedBefore(spot, NOW)).isEmpty();

    held(reserve, 3);
    assertThat(preferredPools.exhaustedBefore(spot, NOW))
        .hasValue("preferred pools cannot grow: ondemand at max 5, reserve at max 3");
  }
}
