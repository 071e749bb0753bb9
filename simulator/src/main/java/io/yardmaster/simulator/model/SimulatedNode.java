package io.yardmaster.simulator.model;

import static java.util.Objects.requireNonNull;

import io.yardmaster.core.registry.Priority;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A NodeManager: capacity, what its containers use, its state. Read it under {@link
 * Fleet#locked(java.util.function.Supplier)}; the cluster changes it.
 */
public final class SimulatedNode {
  /** The port in node ids ({@code host:port}), the NodeManager's default RPC port. */
  public static final int NODE_MANAGER_PORT = 8041;

  private final String hostName;
  private final Resources capacity;
  private final String scaleSetId;
  private final String instanceId;
  private final Priority priority;
  private final long registeredMillis;
  private final List<SimulatedContainer> containers = new ArrayList<>();
  private final Set<SimulatedApplication> hosted = new LinkedHashSet<>();
  private NodeLoad load;
  private NodeState state = NodeState.RUNNING;
  private long stateChangedMillis;
  private NodeIndex index;
  private long schedulableOrder = -1;

  SimulatedNode(
      String hostName,
      Resources capacity,
      String scaleSetId,
      String instanceId,
      Priority priority,
      long registeredMillis) {
    this.hostName = requireNonNull(hostName, "hostName is null");
    this.capacity = requireNonNull(capacity, "capacity is null");
    this.scaleSetId = scaleSetId;
    this.instanceId = instanceId;
    this.priority = requireNonNull(priority, "priority is null");
    this.registeredMillis = registeredMillis;
    this.stateChangedMillis = registeredMillis;
    this.load = new NodeLoad(capacity, Resources.ZERO, priority, false);
  }

  /** {@code host:port}, as YARN names nodes. */
  public String id() {
    return hostName + ":" + NODE_MANAGER_PORT;
  }

  public String hostName() {
    return hostName;
  }

  public Resources capacity() {
    return capacity;
  }

  public Resources used() {
    return load.used();
  }

  public Resources available() {
    return load.available();
  }

  /** Capacity, use, priority and removal mark: what placement orders nodes by. */
  public NodeLoad load() {
    return load;
  }

  public int numContainers() {
    return containers.size();
  }

  public List<SimulatedContainer> containers() {
    return List.copyOf(containers);
  }

  /**
   * Applications RUNNING on this NodeManager: not terminal, and with a container here now or
   * earlier. As on a real NodeManager, an application stays here after its containers exited, until
   * it ends (its shuffle data may still be fetched from here).
   */
  public List<SimulatedApplication> runningApplications() {
    return List.copyOf(hosted);
  }

  public NodeState state() {
    return state;
  }

  /** The ARM id of the scale set that owns the VM, or null for a node without one. */
  public String scaleSetId() {
    return scaleSetId;
  }

  public String instanceId() {
    return instanceId;
  }

  public Priority priority() {
    return priority;
  }

  public boolean markedForRemoval() {
    return load.markedForRemoval();
  }

  public long registeredMillis() {
    return registeredMillis;
  }

  public long stateChangedMillis() {
    return stateChangedMillis;
  }

  /** Larger of the memory and vcore shares in use, 0..1. */
  public double allocatedShare() {
    return load.allocatedShare();
  }

  boolean schedulable() {
    return state == NodeState.RUNNING;
  }

  void add(SimulatedContainer container) {
    containers.add(container);
    hosted.add(container.application());
    load(load.used().plus(container.resources()), load.markedForRemoval());
  }

  /** The application ended: the NodeManager cleans it up. */
  void forget(SimulatedApplication application) {
    hosted.remove(application);
  }

  void release(SimulatedContainer container) {
    if (containers.remove(container)) {
      load(load.used().minus(container.resources()), load.markedForRemoval());
    }
  }

  void state(NodeState state, long now) {
    this.state = state;
    this.stateChangedMillis = now;
  }

  void markedForRemoval(boolean marked) {
    load(load.used(), marked);
  }

  /** The index this node is in while schedulable, else null. */
  NodeIndex index() {
    return index;
  }

  /** When the node last became schedulable, relative to the other nodes of its index. */
  long schedulableOrder() {
    return schedulableOrder;
  }

  void indexed(NodeIndex index, long order) {
    this.index = index;
    this.schedulableOrder = order;
  }

  private void load(Resources used, boolean marked) {
    NodeLoad before = load;
    load = new NodeLoad(capacity, used, priority, marked);
    if (index != null && !load.equals(before)) {
      index.moved(this, before);
    }
  }
}
