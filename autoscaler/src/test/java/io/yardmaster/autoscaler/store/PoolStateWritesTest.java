package io.yardmaster.autoscaler.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.yardmaster.autoscaler.loop.H2Stores;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * An operator's pause, resume and bounds are never undone by a tick that read the pool's state
 * before them: each writer changes only its own columns. (The tick once wrote the whole row back
 * from the snapshot it read at its start, so a pause made during a tick was lost.)
 */
class PoolStateWritesTest {
  private static final String POOL = "alpha-ondemand";
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  private final AutoscalerStore store = H2Stores.fresh();

  @Test
  void aPauseDuringATickSurvivesTheTicksBackoffAndThrottleWrites() {
    PoolState readByTheTick = store.poolState(POOL);
    assertThat(readByTheTick.paused()).isFalse();

    store.setPaused(POOL, true);
    store.setBounds(POOL, 2, 7);
    store.setBackoff(POOL, NOW.plusSeconds(120), readByTheTick.backoffLevel() + 1);
    store.setWritesBlockedUntil(POOL, NOW.plusSeconds(60));

    PoolState after = store.poolState(POOL);
    assertThat(after.paused()).isTrue();
    assertThat(after.minNodes()).isEqualTo(2);
    assertThat(after.maxNodes()).isEqualTo(7);
    assertThat(after.backoffUntil()).isEqualTo(NOW.plusSeconds(120));
    assertThat(after.backoffLevel()).isEqualTo(1);
    assertThat(after.writesBlockedUntil()).isEqualTo(NOW.plusSeconds(60));
  }

  @Test
  void clearingTheBoundsPutsTheConfiguredOnesBackAndLeavesThePause() {
    store.setPaused(POOL, true);
    store.setBounds(POOL, 1, 3);
    store.setBounds(POOL, null, null);
    PoolState after = store.poolState(POOL);
    assertThat(after.minNodes()).isNull();
    assertThat(after.maxNodes()).isNull();
    assertThat(after.paused()).isTrue();
  }
}
