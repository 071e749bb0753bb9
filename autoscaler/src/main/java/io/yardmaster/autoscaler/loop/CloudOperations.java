package io.yardmaster.autoscaler.loop;

import static java.util.Objects.requireNonNull;

import io.micronaut.core.annotation.Nullable;
import io.yardmaster.autoscaler.nodepool.CloudOperation;
import io.yardmaster.autoscaler.nodepool.NodePool;
import io.yardmaster.autoscaler.nodepool.NodePoolException;
import io.yardmaster.autoscaler.nodepool.OperationProgress;
import io.yardmaster.autoscaler.nodepool.ScaleSetState;
import io.yardmaster.autoscaler.store.AutoscalerStore;
import io.yardmaster.autoscaler.store.PoolOperation;
import io.yardmaster.autoscaler.store.PoolOperation.Kind;
import io.yardmaster.autoscaler.store.PoolOperation.State;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A pool's cloud writes, started and then followed one look per tick, never waited for (ADR 0011).
 * The operation is stored before its write is sent, so a process killed at any point leaves it for
 * the next tick of whichever replica: with the cloud's name for it (accepted), it is looked up;
 * without (the process died before the answer, or the cloud forgot it), the scale set's read says
 * whether a write still runs. A pool has at most one operation in flight (the store's
 * compare-and-set): the guard holds every other growth and scale-in until it is over.
 */
final class CloudOperations {
  private static final String UPDATING = "Updating";

  private final AutoscalerStore store;
  private final Duration timeout;
  private final String schedulerId;

  CloudOperations(AutoscalerStore store, Duration timeout, String schedulerId) {
    this.store = requireNonNull(store, "store is null");
    this.timeout = requireNonNull(timeout, "timeout is null");
    this.schedulerId = requireNonNull(schedulerId, "schedulerId is null");
  }

  /**
   * The pool's operation after one look at the cloud if it is in flight and the cloud names it; its
   * last one if it is over; empty if the pool never had one.
   */
  Optional<PoolOperation> follow(String pool, NodePool nodePool, Instant now) {
    Optional<PoolOperation> stored = store.operation(pool);
    if (stored.isEmpty() || !stored.get().inFlight()) {
      return stored;
    }
    PoolOperation operation = stored.get();
    if (operation.age(now).compareTo(timeout) > 0) {
      return save(
          operation.ended(
              State.ABANDONED,
              "still running after "
                  + timeout
                  + ", no longer waited for ("
                  + operation.detail()
                  + ")",
              now));
    }
    if (operation.reference() == null) {
      return Optional.of(operation);
    }
    OperationProgress progress;
    try {
      progress = nodePool.follow(operation.reference());
    } catch (NodePoolException e) {
      return save(operation.followed(operation.reference(), "look failed: " + e.getMessage(), now));
    }
    return save(
        switch (progress.state()) {
          case IN_PROGRESS -> operation.followed(operation.reference(), progress.detail(), now);
          case SUCCEEDED -> operation.ended(State.SUCCEEDED, progress.detail(), now);
          case FAILED -> operation.ended(State.FAILED, progress.detail(), now);
          // From now on the scale set's read tells whether it still runs (byRead).
          case UNKNOWN -> operation.followed(null, progress.detail(), now);
        });
  }

  /**
   * An operation in flight that the cloud does not name: still running while the scale set is
   * {@code Updating} (and, for a grow, has the capacity it wrote); over otherwise, whether the
   * write landed or not: the tick decides from this same read.
   */
  PoolOperation byRead(PoolOperation operation, ScaleSetState read, Instant now) {
    if (!operation.inFlight() || operation.reference() != null) {
      return operation;
    }
    boolean updating = UPDATING.equalsIgnoreCase(read.provisioningState());
    boolean landed = operation.kind() != Kind.GROW || read.capacity() >= operation.target();
    String seen = "the scale set reads " + read.capacity() + ", " + read.provisioningState();
    PoolOperation next =
        updating && landed
            ? operation.followed(null, seen + ": a write still runs", now)
            : operation.ended(State.ENDED, seen + ": no write runs", now);
    return save(next).orElse(next);
  }

  /** What {@link #start} did. */
  record Started(Optional<PoolOperation> operation, String why) {
    boolean begun() {
      return operation.isPresent();
    }

    boolean inFlight() {
      return operation.isPresent() && operation.get().inFlight();
    }
  }

  /**
   * Stores {@code operation}, sends its write, and stores the cloud's name for it; returns once the
   * cloud has answered. Nothing is sent when another operation of the pool is in flight (other than
   * {@code replacing}, one this supersedes). A rejected write is stored FAILED and rethrown.
   */
  Started start(
      PoolOperation operation, @Nullable String replacing, Supplier<CloudOperation> write) {
    if (!store.beginOperation(operation, replacing)) {
      String other =
          store.operation(operation.pool()).map(CloudOperations::describe).orElse("another");
      return new Started(Optional.empty(), other + " is in flight");
    }
    Instant now = operation.startedAt();
    CloudOperation accepted;
    try {
      accepted = write.get();
    } catch (RuntimeException e) {
      store.saveOperation(operation.ended(State.FAILED, "not accepted: " + e.getMessage(), now));
      throw e;
    }
    PoolOperation next = operation.accepted(accepted.reference(), now);
    store.saveOperation(next);
    return new Started(Optional.of(next), describe(next));
  }

  Started start(PoolOperation operation, Supplier<CloudOperation> write) {
    return start(operation, null, write);
  }

  String schedulerId() {
    return schedulerId;
  }

  /** E.g. "grow to 12 (IN_PROGRESS for 40 s: InProgress)". */
  static String describe(PoolOperation operation) {
    String what =
        operation.kind() == Kind.GROW
            ? "grow to " + operation.target()
            : "delete of VMs " + operation.instanceIds();
    return what
        + " ("
        + operation.state()
        + (operation.inFlight() ? " for " : " after ")
        + operation.age(operation.updatedAt()).toSeconds()
        + " s: "
        + operation.detail()
        + ")";
  }

  private Optional<PoolOperation> save(PoolOperation operation) {
    if (store.saveOperation(operation)) {
      return Optional.of(operation);
    }
    // Replaced meanwhile (another replica's tick after a take-over): what is stored now counts.
    return store.operation(operation.pool());
  }
}
