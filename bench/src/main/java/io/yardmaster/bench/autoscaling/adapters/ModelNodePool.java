package io.yardmaster.bench.autoscaling.adapters;

import static java.util.Objects.requireNonNull;

import io.yardmaster.autoscaler.nodepool.CloudOperation;
import io.yardmaster.autoscaler.nodepool.EtagMismatchException;
import io.yardmaster.autoscaler.nodepool.NodePool;
import io.yardmaster.autoscaler.nodepool.NodePoolErrorCode;
import io.yardmaster.autoscaler.nodepool.NodePoolException;
import io.yardmaster.autoscaler.nodepool.NodePoolVm;
import io.yardmaster.autoscaler.nodepool.OperationProgress;
import io.yardmaster.autoscaler.nodepool.PowerState;
import io.yardmaster.autoscaler.nodepool.ScaleSetState;
import io.yardmaster.simulator.model.Fleet;
import io.yardmaster.simulator.model.SimulatedCluster;
import io.yardmaster.simulator.model.SimulatedNode;
import io.yardmaster.simulator.model.SimulatedScaleSet;
import io.yardmaster.simulator.model.SimulatedVm;
import io.yardmaster.simulator.model.VmState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A node pool on a simulated scale set, in simulated time, answering as ARM (and the simulator's
 * ARM emulator) does: the ETag changes with every change of the scale set; each write takes a token
 * of the scale set's {@link WriteBudget} or is answered 429 with a Retry-After; a write is applied
 * at once and returns a long-running operation that is in progress until its earliest end and, for
 * a capacity increase, until no VM of the scale set is still creating. Counts what the replay
 * reports: writes accepted, 429s, and the containers running on VMs it deleted.
 */
public final class ModelNodePool implements NodePool {
  /** The least time a write's operation takes, as the ARM emulator's default. */
  static final Duration OPERATION_DURATION = Duration.ofSeconds(2);

  private final Fleet fleet;
  private final SimulatedCluster cluster;
  private final SimulatedScaleSet scaleSet;
  private final WriteBudget budget;
  private final boolean growWaitsForBoot;
  private final Map<String, Operation> operations = new HashMap<>();
  private int writes;
  private int throttled;
  private int killedContainers;

  /** One accepted write: when it may end, and whether it waits for the VMs to boot. */
  private record Operation(long earliestEndMillis, boolean waitsForBoot) {}

  /**
   * @param writesPerMinute the scale set's write budget, refilled at this rate
   * @param writeBurst and holding at most this many writes
   */
  public ModelNodePool(
      Fleet fleet, SimulatedScaleSet scaleSet, int writesPerMinute, int writeBurst) {
    this(fleet, scaleSet, writesPerMinute, writeBurst, true);
  }

  /**
   * @param growWaitsForBoot false: a capacity increase's operation ends as soon as a delete's does,
   *     not when its VMs booted (an experiment: how much ARM's long grow costs a loop that holds
   *     the pool while it runs)
   */
  public ModelNodePool(
      Fleet fleet,
      SimulatedScaleSet scaleSet,
      int writesPerMinute,
      int writeBurst,
      boolean growWaitsForBoot) {
    this.growWaitsForBoot = growWaitsForBoot;
    this.fleet = requireNonNull(fleet, "fleet is null");
    this.scaleSet = requireNonNull(scaleSet, "scaleSet is null");
    this.cluster = fleet.cluster(scaleSet.clusterName()).orElseThrow();
    this.budget = new WriteBudget(writesPerMinute, writeBurst);
  }

  @Override
  public String poolName() {
    return scaleSet.poolName();
  }

  @Override
  public ScaleSetState read() {
    return new ScaleSetState(
        scaleSet.armId(),
        scaleSet.sku().name(),
        scaleSet.capacity(),
        etag(),
        busy() ? "Updating" : "Succeeded");
  }

  @Override
  public List<NodePoolVm> vms() {
    List<NodePoolVm> vms = new ArrayList<>();
    for (SimulatedVm vm : scaleSet.vms()) {
      vms.add(
          new NodePoolVm(
              vm.instanceId(),
              vm.name(),
              vm.hostName(),
              vm.provisioningState(),
              PowerState.fromStatusCode(vm.powerState()),
              vm.createdAt()));
    }
    return vms;
  }

  @Override
  public CloudOperation setCapacity(int target, String etag) {
    if (!etag.equals(etag())) {
      throw new EtagMismatchException(
          etag, "PreconditionFailed", "the scale set changed since " + etag, null);
    }
    takeWrite();
    int before = scaleSet.capacity();
    scaleSet.setCapacity(target);
    return begin(growWaitsForBoot && target > before);
  }

  @Override
  public CloudOperation deleteInstances(Set<String> instanceIds) {
    takeWrite();
    int running = 0;
    for (String id : instanceIds) {
      SimulatedVm vm =
          scaleSet
              .vm(id)
              .orElseThrow(
                  () ->
                      new NodePoolException(
                          NodePoolErrorCode.BAD_REQUEST,
                          "InvalidParameter",
                          null,
                          "no instance " + id + " in " + scaleSet.name(),
                          null));
      running += cluster.node(vm.hostName()).map(SimulatedNode::numContainers).orElse(0);
    }
    scaleSet.deleteInstances(instanceIds);
    killedContainers += running;
    return begin(false);
  }

  @Override
  public OperationProgress follow(String reference) {
    Operation operation = operations.get(reference);
    if (operation == null) {
      return OperationProgress.of(OperationProgress.State.UNKNOWN, "no operation " + reference);
    }
    if (fleet.now().toEpochMilli() < operation.earliestEndMillis()
        || operation.waitsForBoot() && booting()) {
      return OperationProgress.of(OperationProgress.State.IN_PROGRESS, "InProgress");
    }
    operations.remove(reference);
    return OperationProgress.of(OperationProgress.State.SUCCEEDED, "Succeeded");
  }

  /** Writes the scale set accepted (capacity writes and deletes). */
  public int writes() {
    return writes;
  }

  /** Writes answered 429. */
  public int throttled() {
    return throttled;
  }

  /** Containers that were running on VMs this pool deleted. */
  public int killedContainers() {
    return killedContainers;
  }

  private void takeWrite() {
    Duration retryAfter = budget.tryAcquire(fleet.now());
    if (!retryAfter.isZero()) {
      throttled++;
      throw new NodePoolException(
          NodePoolErrorCode.THROTTLED,
          "TooManyRequests",
          retryAfter,
          "the write budget of " + scaleSet.name() + " is spent",
          null);
    }
    writes++;
  }

  private CloudOperation begin(boolean waitsForBoot) {
    Instant now = fleet.now();
    String reference = scaleSet.name() + "/operations/" + now.toEpochMilli() + "-" + writes;
    operations.put(
        reference, new Operation(now.plus(OPERATION_DURATION).toEpochMilli(), waitsForBoot));
    return new CloudOperation(reference);
  }

  private boolean busy() {
    long now = fleet.now().toEpochMilli();
    boolean booting = booting();
    for (Operation operation : operations.values()) {
      if (now < operation.earliestEndMillis() || operation.waitsForBoot() && booting) {
        return true;
      }
    }
    return false;
  }

  private boolean booting() {
    return scaleSet.vms().stream().anyMatch(vm -> vm.state() == VmState.CREATING);
  }

  private String etag() {
    return "W/\"" + scaleSet.generation() + "\"";
  }
}
