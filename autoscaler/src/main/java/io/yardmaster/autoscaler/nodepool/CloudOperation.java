package io.yardmaster.autoscaler.nodepool;

import io.micronaut.core.annotation.Nullable;

/**
 * A write the cloud has accepted, as {@link NodePool#setCapacity} and {@link
 * NodePool#deleteInstances} return it: they never wait for the write's long-running operation.
 *
 * @param reference how to follow the operation later, with {@link NodePool#follow(String)}: opaque
 *     text the autoscaler stores (on Azure, the operation's status URL); null when the write was
 *     already complete when the cloud answered
 */
public record CloudOperation(@Nullable String reference) {
  /** The most characters a reference may have (its stored column). */
  public static final int MAX_REFERENCE = 2000;

  public CloudOperation {
    if (reference != null && (reference.isBlank() || reference.length() > MAX_REFERENCE)) {
      throw new IllegalArgumentException("operation reference is blank or too long");
    }
  }

  /** A write that completed at once: there is nothing to follow. */
  public static CloudOperation completed() {
    return new CloudOperation(null);
  }

  public boolean isCompleted() {
    return reference == null;
  }
}
