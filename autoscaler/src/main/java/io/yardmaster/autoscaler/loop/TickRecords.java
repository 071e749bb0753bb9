package io.yardmaster.autoscaler.loop;

import io.micronaut.core.annotation.Nullable;
import io.yardmaster.autoscaler.policy.Demand;
import io.yardmaster.autoscaler.policy.ScalingAction;
import io.yardmaster.autoscaler.policy.ScalingDecision;
import io.yardmaster.autoscaler.store.DecisionRecord;
import io.yardmaster.autoscaler.store.DecisionRecord.Outcome;
import java.time.Instant;
import java.util.List;

/** What a tick has read so far, turned into the {@link DecisionRecord} it ends with. */
record TickRecords(
    String pool,
    String cluster,
    Instant now,
    String policy,
    String schedulerId,
    @Nullable Integer capacity,
    int bootingVms,
    int nodes,
    int freeNodes,
    Demand demand) {

  TickRecords(String pool, String cluster, Instant now, String policy, String schedulerId) {
    this(pool, cluster, now, policy, schedulerId, null, 0, 0, 0, Demand.missing());
  }

  TickRecords read(int capacityRead) {
    return new TickRecords(
        pool,
        cluster,
        now,
        policy,
        schedulerId,
        capacityRead,
        bootingVms,
        nodes,
        freeNodes,
        demand);
  }

  TickRecords observed(int capacityRead, PoolObservation observed, Demand read) {
    return new TickRecords(
        pool,
        cluster,
        now,
        policy,
        schedulerId,
        capacityRead,
        observed.booting().size(),
        observed.nodes().size(),
        observed.freeNodes(),
        read);
  }

  DecisionRecord bare(ScalingAction action, Outcome outcome, String reason) {
    return bare(action, outcome, reason, List.of());
  }

  DecisionRecord bare(ScalingAction action, Outcome outcome, String reason, List<String> vms) {
    return build(action, outcome, capacity == null ? 0 : capacity, vms, reason);
  }

  DecisionRecord decided(
      ScalingDecision decision, Outcome outcome, String reason, List<String> vms) {
    return build(decision.action(), outcome, decision.targetCapacity(), vms, reason);
  }

  private DecisionRecord build(
      ScalingAction action, Outcome outcome, int target, List<String> vms, String reason) {
    return new DecisionRecord(
        null,
        pool,
        cluster,
        now,
        policy,
        action,
        outcome,
        capacity,
        target,
        bootingVms,
        nodes,
        freeNodes,
        demand.pendingVcores(),
        demand.pendingMemoryMb(),
        demand.age().toMillis(),
        demand.stale(),
        vms,
        reason,
        schedulerId);
  }
}
