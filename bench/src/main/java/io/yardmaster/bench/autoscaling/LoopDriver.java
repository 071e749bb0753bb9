package io.yardmaster.bench.autoscaling;

import static java.util.Objects.requireNonNull;

import io.yardmaster.autoscaler.loop.AutoscalerLoop;
import io.yardmaster.bench.autoscaling.adapters.SampledQueueMetrics;
import io.yardmaster.core.registry.Sku;
import io.yardmaster.simulator.model.ClusterMetrics;
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
import java.util.List;
import java.util.Map;

/**
 * Drives the shipped {@link AutoscalerLoop} from the replay's clock. Every replay step (one
 * Graphite sink period) the spot market may evict VMs and the sink writes the cluster's pending
 * demand; every {@code stepsPerTick} steps, before that write (so the loop reads a sample one
 * period old), each pool of the cluster ticks once, in preference order, as its Quartz trigger
 * would. Records the timeline and when each application first ran all its executors.
 */
final class LoopDriver implements ReplayHook {
  private final AutoscalerLoop loop;
  private final List<String> pools;
  private final SimulatedCluster cluster;
  private final List<SimulatedScaleSet> scaleSets;
  private final SampledQueueMetrics sink;
  private final SpotMarket spotMarket;
  private final Sku sku;
  private final Duration step;
  private final int stepsPerTick;
  private final Map<String, Long> allExecutorsMillis = new HashMap<>();
  private final List<TimelinePoint> timeline = new ArrayList<>();
  private long steps;
  private long start = Long.MIN_VALUE;

  LoopDriver(
      AutoscalerLoop loop,
      List<String> pools,
      SimulatedCluster cluster,
      List<SimulatedScaleSet> scaleSets,
      SampledQueueMetrics sink,
      SpotMarket spotMarket,
      Duration step,
      int stepsPerTick) {
    this.loop = requireNonNull(loop, "loop is null");
    this.pools = List.copyOf(pools);
    this.cluster = requireNonNull(cluster, "cluster is null");
    this.scaleSets = List.copyOf(scaleSets);
    this.sink = requireNonNull(sink, "sink is null");
    this.spotMarket = requireNonNull(spotMarket, "spotMarket is null");
    this.sku = scaleSets.get(0).sku();
    this.step = requireNonNull(step, "step is null");
    if (stepsPerTick < 1) {
      throw new IllegalArgumentException("stepsPerTick must be >= 1");
    }
    this.stepsPerTick = stepsPerTick;
  }

  @Override
  public void onTick(Fleet fleet, Instant now) {
    if (start == Long.MIN_VALUE) {
      start = now.toEpochMilli() - step.toMillis();
    }
    spotMarket.step();
    trackAllExecutors();
    if (++steps % stepsPerTick == 0) {
      for (String pool : pools) {
        loop.runOnce(pool, now);
      }
      timeline.add(point(now));
    }
    sink.sample(now);
  }

  /** When the application first ran all its executors, or -1 if it never did (to a step). */
  long allExecutorsMillis(String applicationId) {
    return allExecutorsMillis.getOrDefault(applicationId, -1L);
  }

  List<TimelinePoint> timeline() {
    return List.copyOf(timeline);
  }

  private TimelinePoint point(Instant now) {
    ClusterMetrics metrics = cluster.metrics();
    long vcores = metrics.allocatedVirtualCores() + metrics.pendingVirtualCores();
    long memory = metrics.allocatedMb() + metrics.pendingMb();
    long byCores = (vcores + sku.nodeManagerVcores() - 1) / sku.nodeManagerVcores();
    long byMemory = (memory + sku.nodeManagerMemoryMb() - 1) / sku.nodeManagerMemoryMb();
    int capacity = 0;
    for (SimulatedScaleSet scaleSet : scaleSets) {
      capacity += scaleSet.capacity();
    }
    int running = 0;
    for (SimulatedNode node : cluster.nodes()) {
      running += node.state() == NodeState.RUNNING ? 1 : 0;
    }
    return new TimelinePoint(
        (now.toEpochMilli() - start) / 1000, (int) Math.max(byCores, byMemory), capacity, running);
  }

  /** Records when each application first had all its executors (the last one's start). */
  private void trackAllExecutors() {
    for (SimulatedApplication application : cluster.applications()) {
      if (application.state().terminal()
          || application.launchedMillis() < 0
          || allExecutorsMillis.containsKey(application.id())) {
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
}
