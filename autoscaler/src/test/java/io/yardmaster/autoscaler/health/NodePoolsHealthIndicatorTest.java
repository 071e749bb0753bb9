package io.yardmaster.autoscaler.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.management.health.indicator.HealthResult;
import io.yardmaster.autoscaler.TestClusters;
import io.yardmaster.autoscaler.loop.H2Stores;
import io.yardmaster.autoscaler.policy.ScalingAction;
import io.yardmaster.autoscaler.store.AutoscalerStore;
import io.yardmaster.autoscaler.store.DecisionRecord;
import io.yardmaster.core.registry.ClusterRegistry;
import io.yardmaster.core.registry.NodePoolConfig;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class NodePoolsHealthIndicatorTest {
  private static final String SCALE_SET =
      "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachineScaleSets/";

  private final AutoscalerStore store = H2Stores.fresh();
  private Instant now = Instant.parse("2026-12-01T10:00:00Z");
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now;
        }
      };
  private final NodePoolsHealthIndicator indicator =
      new NodePoolsHealthIndicator(
          new ClusterRegistry(
              List.of(
                  TestClusters.cluster(
                      "alpha", URI.create("http://livy:8998"), URI.create("http://rm:8088"))),
              List.of(pool("alpha-a"), pool("alpha-b"))),
          store,
          clock);

  @Test
  void poolsNotTickedYetAreUnknownAndDoNotDegrade() {
    HealthResult result = health();
    assertThat(result.getStatus().getName()).isEqualTo("UP");
    assertThat(pool(result, "alpha-a")).containsEntry("status", "UNKNOWN");
  }

  @Test
  void aFailedCloudCallDegradesButStaysOperational() {
    store.saveDecision(decision("alpha-a", DecisionRecord.Outcome.FAILED, "ARM read failed: 503"));
    store.saveDecision(decision("alpha-b", DecisionRecord.Outcome.APPLIED, "grew 2 -> 4"));
    HealthResult result = health();
    assertThat(result.getStatus().getName()).isEqualTo("DEGRADED");
    assertThat(result.getStatus().getOperational()).hasValue(true);
    assertThat(pool(result, "alpha-a"))
        .containsEntry("status", "DEGRADED")
        .containsEntry("reason", "ARM read failed: 503");
    assertThat(pool(result, "alpha-b")).containsEntry("status", "UP");
  }

  @Test
  void aResultIsReusedForTenSecondsSoPollingHealthCostsTheDatabaseNothingMore() {
    assertThat(pool(health(), "alpha-a")).containsEntry("status", "UNKNOWN");
    store.saveDecision(decision("alpha-a", DecisionRecord.Outcome.FAILED, "ARM read failed: 503"));
    now = now.plusSeconds(9);
    assertThat(pool(health(), "alpha-a")).containsEntry("status", "UNKNOWN");
    now = now.plusSeconds(1);
    assertThat(pool(health(), "alpha-a")).containsEntry("status", "DEGRADED");
  }

  private HealthResult health() {
    return Mono.from(indicator.getResult()).block();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> pool(HealthResult result, String name) {
    return (Map<String, Object>) ((Map<String, Object>) result.getDetails()).get(name);
  }

  private static NodePoolConfig pool(String name) {
    return new NodePoolConfig(
        name,
        "alpha",
        SCALE_SET + name,
        "Standard_E8s_v5",
        8,
        65536,
        null,
        null,
        null,
        null,
        null,
        null,
        0);
  }

  private static DecisionRecord decision(
      String pool, DecisionRecord.Outcome outcome, String reason) {
    return new DecisionRecord(
        null,
        pool,
        "alpha",
        Instant.parse("2026-11-21T12:00:00Z"),
        "test",
        ScalingAction.HOLD,
        outcome,
        2,
        2,
        0,
        2,
        0,
        0,
        0,
        0,
        false,
        List.of(),
        reason,
        "test-instance");
  }
}
