package io.yardmaster.autoscaler.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.yardmaster.autoscaler.loop.H2Stores;
import io.yardmaster.autoscaler.policy.ScalingAction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A decision's texts are composed from peers' answers (an ARM error body, thousands of VM ids, a
 * host name as scheduler id), so none of them may fail the insert that records the tick: each is
 * cut to its column, and what is kept reads back as it was written.
 */
class DecisionTextBoundsTest {
  private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");
  private final AutoscalerStore store = H2Stores.fresh();

  @Test
  void hugeNonAsciiTextsAreCutToTheirColumnsAndTheTickIsStillRecorded() {
    String reason = "ARM refused: ü😀=" + "x".repeat(100_000);
    List<String> vms = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      vms.add("alpha-ondemand_" + i);
    }
    store.saveDecision(decision("p".repeat(300) + "ö", vms, reason, "host-" + "h".repeat(1_000)));

    DecisionRecord read = store.decisions("alpha-ondemand", 1).get(0);
    assertThat(read.reason()).hasSizeLessThanOrEqualTo(AutoscalerStore.MAX_REASON);
    assertThat(read.reason()).startsWith("ARM refused: ü😀=").endsWith("…");
    assertThat(read.policy()).hasSizeLessThanOrEqualTo(AutoscalerStore.MAX_POLICY);
    assertThat(read.schedulerId()).hasSizeLessThanOrEqualTo(AutoscalerStore.MAX_SCHEDULER_ID);
    assertThat(String.join(",", read.removedVms()))
        .hasSizeLessThanOrEqualTo(AutoscalerStore.MAX_REMOVED_VMS);
    List<String> kept = read.removedVms().subList(0, read.removedVms().size() - 1);
    assertThat(vms).startsWith(kept.toArray(String[]::new));
    String rest = read.removedVms().get(read.removedVms().size() - 1);
    assertThat(rest).isEqualTo("+" + (vms.size() - kept.size()));
  }

  @Test
  void textsThatFitAreKeptWhole() {
    List<String> vms = Arrays.asList("alpha-ondemand_1", "alpha-ondemand_7");
    store.saveDecision(decision("yardmaster", vms, "shrank 4 -> 2: nodes idle", "host-1"));
    DecisionRecord read = store.decisions("alpha-ondemand", 1).get(0);
    assertThat(read.reason()).isEqualTo("shrank 4 -> 2: nodes idle");
    assertThat(read.removedVms()).isEqualTo(vms);
    assertThat(read.policy()).isEqualTo("yardmaster");
    assertThat(read.schedulerId()).isEqualTo("host-1");
  }

  private static DecisionRecord decision(
      String policy, List<String> removed, String reason, String schedulerId) {
    return new DecisionRecord(
        null,
        "alpha-ondemand",
        "alpha",
        AT,
        policy,
        ScalingAction.SHRINK,
        DecisionRecord.Outcome.APPLIED,
        4,
        2,
        0,
        4,
        2,
        0,
        0,
        0,
        false,
        removed,
        reason,
        schedulerId);
  }
}
