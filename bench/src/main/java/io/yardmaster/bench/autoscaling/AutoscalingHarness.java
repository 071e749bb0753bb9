package io.yardmaster.bench.autoscaling;

import static java.util.Objects.requireNonNull;

import io.yardmaster.autoscaler.policy.Demand;
import io.yardmaster.autoscaler.policy.NodeView;
import io.yardmaster.autoscaler.policy.PoolSnapshot;
import io.yardmaster.autoscaler.policy.ScalingDecision;
import io.yardmaster.core.registry.Sku;
import io.yardmaster.simulator.model.ContainerKind;
import io.yardmaster.simulator.model.Fleet;
import io.yardmaster.simulator.model.NodeState;
import io.yardmaster.simulator.model.ReplayHook;
import io.yardmaster.simulator.model.SimulatedApplication;
import io.yardmaster.simulator.model.SimulatedCluster;
import io.yardmaster.simulator.model.SimulatedContainer;
import io.yardmaster.simulator.model.SimulatedNode;
import io.yardmaster.simulator.model.SimulatedScaleSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The autoscaler loop in the replay. Every replay tick (one Graphite sink period) it samples the
 * cluster's pending demand; every {@code ticksPerDecision} ticks it builds a {@link PoolSnapshot}
 * (capacity read, booting VMs, NodeManagers, the previous demand sample), asks the policy and
 * applies the decision: GROW writes the absolute target once; SHRINK decommissions the named nodes,
 * and a decommissioned node's VM is deleted once the RM reports it empty (re-checked) or its drain
 * timeout passed (what still runs there is killed and counted). Writes go through a per-scale-set
 * token bucket; a write without a token counts as a 429 and is not applied.
 */
public final class AutoscalingHarness implements ReplayHook {
  private final PoolSetup setup;
  private final SimulatedCluster cluster;
  private final SimulatedScaleSet scaleSet;
  private final Sku sku;
  private final int ticksPerDecision;
  private final Duration samplePeriod;
  private final PoolObserver observer;
  private final WriteBudget budget = new WriteBudget(4, 12);
  private final Map<String, Long> allExecutorsMillis = new HashMap<>();
  private final Map<String, Instant> draining = new LinkedHashMap<>();
  private final List<TimelinePoint> timeline = new ArrayList<>();
  private Demand lastSample;
  private long ticks;
  private long start = Long.MIN_VALUE;
  private int writes;
  private int throttled;
  private int killedContainers;

  public AutoscalingHarness(
      PoolSetup setup,
      SimulatedCluster cluster,
      SimulatedScaleSet scaleSet,
      Duration samplePeriod,
      int ticksPerDecision) {
    this.setup = requireNonNull(setup, "setup is null");
    this.cluster = requireNonNull(cluster, "cluster is null");
    this.scaleSet = requireNonNull(scaleSet, "scaleSet is null");
    this.sku = scaleSet.sku();
    this.samplePeriod = requireNonNull(samplePeriod, "samplePeriod is null");
    if (ticksPerDecision < 1) {
      throw new IllegalArgumentException("ticksPerDecision must be >= 1");
    }
    this.ticksPerDecision = ticksPerDecision;
    this.observer = new PoolObserver(cluster, scaleSet);
  }

  @Override
  public void onTick(Fleet fleet, Instant now) {
    if (start == Long.MIN_VALUE) {
      start = now.toEpochMilli() - samplePeriod.toMillis();
    }
    List<SimulatedApplication> active = observer.active();
    trackAllExecutors(active);
    Demand sample = PoolObserver.pending(active, samplePeriod);
    if (++ticks % ticksPerDecision == 0) {
      decideAndApply(now, lastSample == null ? Demand.missing() : lastSample, sample);
    }
    lastSample = sample;
  }

  private void decideAndApply(Instant now, Demand seen, Demand current) {
    List<SimulatedNode> nodes = observer.poolNodes();
    List<NodeView> views = new ArrayList<>(nodes.size());
    int running = 0;
    for (SimulatedNode node : nodes) {
      views.add(PoolObserver.view(node));
      running += node.state() == NodeState.RUNNING ? 1 : 0;
    }
    int capacity = scaleSet.capacity();
    PoolSnapshot snapshot =
        new PoolSnapshot(
            scaleSet.poolName(),
            cluster.name(),
            sku,
            false,
            setup.minNodes(),
            setup.maxNodes(),
            capacity,
            observer.bootingVms(),
            views,
            seen,
            0,
            false,
            setup.spareNodes());
    ScalingDecision decision = setup.policy().decide(snapshot, now);
    switch (decision.action()) {
      case HOLD -> {}
      case GROW -> grow(decision, capacity, now);
      case SHRINK -> {
        for (String node : decision.removeNodes()) {
          if (!draining.containsKey(node) && cluster.decommission(node)) {
            draining.put(node, now.plus(setup.drainTimeout()));
          }
        }
      }
    }
    deleteDrained(now);
    timeline.add(
        new TimelinePoint(
            (now.toEpochMilli() - start) / 1000,
            PoolObserver.demandNodes(nodes, current, sku),
            scaleSet.capacity(),
            running));
  }

  private void grow(ScalingDecision decision, int capacity, Instant now) {
    if (decision.targetCapacity() < capacity) {
      throw new IllegalStateException(
          setup.policy().name()
              + " asked to grow to "
              + decision.targetCapacity()
              + " below the capacity read "
              + capacity);
    }
    if (decision.targetCapacity() > capacity) {
      if (budget.tryAcquire(now)) {
        writes++;
        scaleSet.setCapacity(decision.targetCapacity());
      } else {
        throttled++;
      }
    }
  }

  /** Deletes, in one call, the VMs of drained nodes (re-checked empty) and of overdue ones. */
  private void deleteDrained(Instant now) {
    List<String> instances = new ArrayList<>();
    List<String> nodeIds = new ArrayList<>();
    int killed = 0;
    for (Iterator<Map.Entry<String, Instant>> it = draining.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Instant> entry = it.next();
      SimulatedNode node = cluster.node(entry.getKey()).orElseThrow();
      if (node.state() == NodeState.LOST) {
        it.remove();
      } else if (node.state() == NodeState.DECOMMISSIONED && node.numContainers() == 0
          || !now.isBefore(entry.getValue())) {
        instances.add(node.instanceId());
        nodeIds.add(entry.getKey());
        killed += node.numContainers();
      }
    }
    if (instances.isEmpty()) {
      return;
    }
    if (!budget.tryAcquire(now)) {
      throttled++;
      return;
    }
    writes++;
    killedContainers += killed;
    scaleSet.deleteInstances(instances);
    nodeIds.forEach(draining::remove);
  }

  /** Records when each application first had all its executors (the last one's start). */
  private void trackAllExecutors(List<SimulatedApplication> active) {
    for (SimulatedApplication application : active) {
      if (application.launchedMillis() < 0 || allExecutorsMillis.containsKey(application.id())) {
        continue;
      }
      if (application.executorsRunning() >= application.spec().executors()) {
        long last = application.launchedMillis();
        for (SimulatedContainer container : application.containers()) {
          if (container.kind() == ContainerKind.EXECUTOR) {
            last = Math.max(last, container.startMillis());
          }
        }
        allExecutorsMillis.put(application.id(), last);
      }
    }
  }

  /** When the application first ran all its executors, or -1 if it never did (to a tick). */
  public long allExecutorsMillis(String applicationId) {
    return allExecutorsMillis.getOrDefault(applicationId, -1L);
  }

  public List<TimelinePoint> timeline() {
    return List.copyOf(timeline);
  }

  public int writes() {
    return writes;
  }

  public int throttled() {
    return throttled;
  }

  public int killedContainers() {
    return killedContainers;
  }
}
