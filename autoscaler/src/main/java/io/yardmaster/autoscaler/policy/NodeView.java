package io.yardmaster.autoscaler.policy;

import static java.util.Objects.requireNonNull;

import io.micronaut.core.annotation.Nullable;

/**
 * One NodeManager of the pool as the ResourceManager reports it, joined with its VM.
 *
 * @param vmInstanceId the scale set's instance id of the VM running it
 * @param state the RM's node state name (RUNNING, DECOMMISSIONING, ...)
 * @param runningApplications applications running on the node as its NodeManager reports them
 *     (shuffle data may live there even when it has no containers: a node with any is not free); -1
 *     when the NodeManager could not be read, which also counts as not free
 */
public record NodeView(
    String nodeId,
    @Nullable String vmInstanceId,
    String state,
    int containers,
    int runningApplications,
    int usedVcores,
    long usedMemoryMb,
    int totalVcores,
    long totalMemoryMb) {
  public NodeView {
    requireNonNull(nodeId, "nodeId is null");
    requireNonNull(state, "state is null");
  }

  /** Registered and taking containers (the RM's RUNNING state). */
  public boolean running() {
    return "RUNNING".equals(state);
  }

  /** No containers and no running applications: the only kind of node scale-in may remove. */
  public boolean free() {
    return containers == 0 && runningApplications == 0 && usedVcores == 0 && usedMemoryMb == 0;
  }
}
