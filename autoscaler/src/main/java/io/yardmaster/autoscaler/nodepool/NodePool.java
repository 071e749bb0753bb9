package io.yardmaster.autoscaler.nodepool;

import java.util.List;
import java.util.Set;

/**
 * One cloud scale set seen by the autoscaler: read it, list its VMs, set its capacity and delete
 * given VMs. Every method talks to the cloud once (plus the polling of a long-running operation)
 * and throws {@link NodePoolException} with an {@link NodePoolErrorCode}; {@link
 * NodePoolException#isTransient()} tells a retry-later failure (throttling, 5xx, timeouts) from a
 * permanent one. No method retries a rejected write on its own.
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
   */
  OperationResult setCapacity(int target, String etag);

  /**
   * Deletes exactly these VMs (and lowers the capacity by as many).
   *
   * @param instanceIds {@link NodePoolVm#instanceId()} values, at least one
   */
  OperationResult deleteInstances(Set<String> instanceIds);
}
