package io.yardmaster.autoscaler.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * A shrink in progress, stored before each step so that a restarted autoscaler resumes it.
 *
 * @param targets the NodeManagers being removed and their VMs
 */
public record ShrinkIntent(
    String pool,
    String cluster,
    Phase phase,
    List<Target> targets,
    Instant startedAt,
    Instant updatedAt) {
  public ShrinkIntent {
    requireNonNull(pool, "pool is null");
    requireNonNull(cluster, "cluster is null");
    requireNonNull(phase, "phase is null");
    requireNonNull(startedAt, "startedAt is null");
    requireNonNull(updatedAt, "updatedAt is null");
    targets = List.copyOf(targets);
  }

  /** The most characters the stored targets may take (the column's size). */
  public static final int MAX_ENCODED_TARGETS = 8000;

  /** Whether {@code next} still fits in the stored intent after {@code targets}. */
  public static boolean fits(List<Target> targets, Target next) {
    List<Target> with = new java.util.ArrayList<>(targets);
    with.add(next);
    return AutoscalerStore.encode(with).length() <= MAX_ENCODED_TARGETS;
  }

  public ShrinkIntent next(Phase nextPhase, List<Target> remaining, Instant now) {
    return new ShrinkIntent(pool, cluster, nextPhase, remaining, startedAt, now);
  }

  /** The steps of a shrink, in order. */
  public enum Phase {
    /** Mark for removal and decommission gracefully in YARN. */
    DECOMMISSION,
    /** Re-check each node is still empty, then delete exactly those VMs. */
    DELETE,
    /** The delete was accepted; its operation is followed until it is over (ADR 0011). */
    DELETING,
    /** Take the hosts out of the exclude list and the removal hosts file. */
    UNEXCLUDE
  }

  /** One NodeManager host and the scale-set VM it runs on. */
  public record Target(String hostName, String instanceId) {
    public Target {
      requireNonNull(hostName, "hostName is null");
      requireNonNull(instanceId, "instanceId is null");
      if (hostName.contains("|") || hostName.contains(";") || instanceId.contains("|")) {
        throw new IllegalArgumentException("bad shrink target " + hostName + "/" + instanceId);
      }
    }
  }
}
