package io.yardmaster.autoscaler.store;

import static java.util.Objects.requireNonNull;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.yardmaster.core.Texts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A pool's latest cloud operation (a capacity write or a delete of VMs), stored before the write is
 * sent and followed at each tick until it is over, so that any replica, after any restart, knows
 * what is in flight (ADR 0011).
 *
 * @param id tells this operation from the pool's earlier and later ones
 * @param target GROW: the capacity written; DELETE: the number of VMs deleted
 * @param instanceIds DELETE: the VMs deleted
 * @param sentEtag GROW: the If-Match sent
 * @param reference how the cloud names the operation ({@code NodePool#follow}); null before the
 *     cloud accepted the write, or once it no longer knows the operation
 * @param startedBy the autoscaler instance that sent the write
 * @param updatedAt when the operation was last looked at
 * @param endedAt when it was seen over, null while in flight
 * @param detail what the last look found, for the decisions and the API
 */
@Serdeable
public record PoolOperation(
    String pool,
    String id,
    Kind kind,
    State state,
    int target,
    List<String> instanceIds,
    @Nullable String sentEtag,
    @Nullable String reference,
    Instant startedAt,
    String startedBy,
    Instant updatedAt,
    @Nullable Instant endedAt,
    String detail) {
  /** The most characters of detail stored. */
  static final int MAX_DETAIL = 1000;

  public PoolOperation {
    requireNonNull(pool, "pool is null");
    requireNonNull(id, "id is null");
    requireNonNull(kind, "kind is null");
    requireNonNull(state, "state is null");
    requireNonNull(startedAt, "startedAt is null");
    requireNonNull(startedBy, "startedBy is null");
    requireNonNull(updatedAt, "updatedAt is null");
    instanceIds = List.copyOf(instanceIds);
    detail = Texts.bounded(requireNonNull(detail, "detail is null"), MAX_DETAIL);
  }

  /** A capacity write about to be sent. */
  public static PoolOperation grow(
      String pool, int target, String sentEtag, Instant now, String startedBy) {
    return new PoolOperation(
        pool,
        UUID.randomUUID().toString(),
        Kind.GROW,
        State.STARTING,
        target,
        List.of(),
        sentEtag,
        null,
        now,
        startedBy,
        now,
        null,
        "write being sent");
  }

  /** A delete of exactly these VMs about to be sent. */
  public static PoolOperation delete(
      String pool, List<String> instanceIds, Instant now, String startedBy) {
    return new PoolOperation(
        pool,
        UUID.randomUUID().toString(),
        Kind.DELETE,
        State.STARTING,
        instanceIds.size(),
        instanceIds,
        null,
        null,
        now,
        startedBy,
        now,
        null,
        "delete being sent");
  }

  public boolean inFlight() {
    return state.inFlight();
  }

  /** How long it has run (or ran). */
  public Duration age(Instant now) {
    Duration age = Duration.between(startedAt, endedAt == null ? now : endedAt);
    return age.isNegative() ? Duration.ZERO : age;
  }

  /** The cloud accepted the write; {@code cloudReference} null: it was complete at once. */
  public PoolOperation accepted(@Nullable String cloudReference, Instant now) {
    return cloudReference == null
        ? ended(State.SUCCEEDED, "complete when accepted", now)
        : with(State.IN_PROGRESS, cloudReference, now, null, "accepted, in progress");
  }

  /** Looked at and still running; {@code cloudReference} null: the cloud no longer names it. */
  public PoolOperation followed(@Nullable String cloudReference, String what, Instant now) {
    return with(state, cloudReference, now, null, what);
  }

  public PoolOperation ended(State end, String what, Instant now) {
    if (end.inFlight()) {
      throw new IllegalArgumentException(end + " is not an end");
    }
    return with(end, reference, now, now, what);
  }

  private PoolOperation with(
      State next, @Nullable String nextReference, Instant now, @Nullable Instant end, String what) {
    return new PoolOperation(
        pool,
        id,
        kind,
        next,
        target,
        instanceIds,
        sentEtag,
        nextReference,
        startedAt,
        startedBy,
        now,
        end,
        what);
  }

  /** What the operation does. */
  public enum Kind {
    /** A capacity write (growth). */
    GROW,
    /** A delete of given VMs (a shrink, or VMs that never became NodeManagers). */
    DELETE
  }

  /** Where the operation is, as far as the autoscaler knows. */
  public enum State {
    /** Stored, the write being sent: a process that died here leaves it for the next tick. */
    STARTING,
    /** Accepted by the cloud and not over yet. */
    IN_PROGRESS,
    SUCCEEDED,
    /** The cloud rejected the write or its operation failed. */
    FAILED,
    /** Over, and whether it did what it should is not known: the next read tells. */
    ENDED,
    /** Followed longer than the operation timeout, or replaced: no longer waited for. */
    ABANDONED;

    public boolean inFlight() {
      return this == STARTING || this == IN_PROGRESS;
    }
  }
}
