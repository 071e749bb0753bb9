package io.yardmaster.autoscaler.store;

import static java.util.Objects.requireNonNull;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.yardmaster.autoscaler.policy.ScalingAction;
import java.time.Instant;
import java.util.List;

/**
 * One tick of one pool as stored and served: what was read, what was decided, what was done.
 *
 * @param capacity the capacity read this tick, null when the read failed
 * @param outcome what the loop did with the decision
 * @param removedVms SHRINK: the VM instance ids being removed
 * @param schedulerId which autoscaler instance ran the tick
 * @param startedAt when the tick actually began running ({@code tickAt} is when it was scheduled;
 *     the difference is the tick's lag); null for decisions stored before it was recorded
 */
@Serdeable
public record DecisionRecord(
    @Nullable Long id,
    String pool,
    String cluster,
    Instant tickAt,
    String policy,
    ScalingAction action,
    Outcome outcome,
    @Nullable Integer capacity,
    int target,
    int bootingVms,
    int nodes,
    int freeNodes,
    long pendingVcores,
    long pendingMemoryMb,
    long demandAgeMillis,
    boolean demandStale,
    List<String> removedVms,
    String reason,
    String schedulerId,
    @Nullable Instant startedAt) {
  public DecisionRecord {
    requireNonNull(pool, "pool is null");
    requireNonNull(cluster, "cluster is null");
    requireNonNull(tickAt, "tickAt is null");
    requireNonNull(policy, "policy is null");
    requireNonNull(action, "action is null");
    requireNonNull(outcome, "outcome is null");
    requireNonNull(reason, "reason is null");
    requireNonNull(schedulerId, "schedulerId is null");
    removedVms = List.copyOf(removedVms);
  }

  /** A decision whose tick began at its scheduled time. */
  public DecisionRecord(
      @Nullable Long id,
      String pool,
      String cluster,
      Instant tickAt,
      String policy,
      ScalingAction action,
      Outcome outcome,
      @Nullable Integer capacity,
      int target,
      int bootingVms,
      int nodes,
      int freeNodes,
      long pendingVcores,
      long pendingMemoryMb,
      long demandAgeMillis,
      boolean demandStale,
      List<String> removedVms,
      String reason,
      String schedulerId) {
    this(
        id,
        pool,
        cluster,
        tickAt,
        policy,
        action,
        outcome,
        capacity,
        target,
        bootingVms,
        nodes,
        freeNodes,
        pendingVcores,
        pendingMemoryMb,
        demandAgeMillis,
        demandStale,
        removedVms,
        reason,
        schedulerId,
        tickAt);
  }

  /** This decision of a tick that began at {@code at}. */
  public DecisionRecord withStartedAt(Instant at) {
    return new DecisionRecord(
        id,
        pool,
        cluster,
        tickAt,
        policy,
        action,
        outcome,
        capacity,
        target,
        bootingVms,
        nodes,
        freeNodes,
        pendingVcores,
        pendingMemoryMb,
        demandAgeMillis,
        demandStale,
        removedVms,
        reason,
        schedulerId,
        at);
  }

  /** What became of a decision. */
  public enum Outcome {
    /** Nothing to do (HOLD). */
    NONE,
    /** The write or the shrink step was done. */
    APPLIED,
    /** Not acted on: paused, throttled (Retry-After), backed off, or a dry run. */
    SKIPPED,
    /** The cloud or YARN call failed; the next tick starts from a fresh read. */
    FAILED,
    /** Shown by a dry-run tick, never acted on or stored. */
    DRY_RUN
  }
}
