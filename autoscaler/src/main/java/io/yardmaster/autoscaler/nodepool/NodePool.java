package io.yardmaster.autoscaler.nodepool;

import java.util.List;
import java.util.Set;

/**
 * One cloud scale set seen by the autoscaler: read it, list its VMs, set its capacity, delete given
 * VMs, and follow a write's long-running operation. Every method makes one cloud request (plus the
 * transport's retries of 5xx and network errors) and returns as soon as it is answered: a write
 * returns once the cloud has accepted it, never after waiting for its operation, which the caller
 * follows with {@link #follow(String)} on later ticks (ADR 0011). Failures throw {@link
 * NodePoolException} with an {@link NodePoolErrorCode}; {@link NodePoolException#isTransient()}
 * tells a retry-later failure (throttling, 5xx, timeouts) from a permanent one. No method retries a
 * rejected write on its own.
 */
public interface NodePool {

  /** The node pool (configuration name) this scale set serves. */
  String poolName();

  /** The scale set as the cloud has it now: capacity, SKU, ETag, provisioning state. */
  ScaleSetState read();

  /** The VMs of the scale set, by instance id, with their provisioning and power state. */
  List<NodePoolVm> vms();

  /**
   * Sets the scale set's capacity to an absolute {@code target}, only if the scale set still has
   * the ETag of the read the target was computed from.
   *
   * @param etag {@link ScaleSetState#etag()} of that read, sent as {@code If-Match}
   * @throws EtagMismatchException when the scale set changed since that read (HTTP 412): read again
   *     and recompute
   * @return the accepted write's operation, to follow
   */
  CloudOperation setCapacity(int target, String etag);

  /**
   * Deletes exactly these VMs (and lowers the capacity by as many).
   *
   * @param instanceIds {@link NodePoolVm#instanceId()} values, at least one
   * @return the accepted delete's operation, to follow
   */
  CloudOperation deleteInstances(Set<String> instanceIds);

  /**
   * Looks once at an operation this pool's writes returned.
   *
   * @param reference {@link CloudOperation#reference()}, possibly stored by another process
   */
  OperationProgress follow(String reference);
}
