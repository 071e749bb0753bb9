package io.yardmaster.simulator;

import static java.util.Objects.requireNonNull;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.yardmaster.core.EmbeddedDefault;
import io.yardmaster.core.registry.ClusterConfig;
import io.yardmaster.core.registry.ClusterRegistry;
import io.yardmaster.core.registry.NodePoolConfig;
import io.yardmaster.simulator.model.BootTimeModel;
import io.yardmaster.simulator.model.Fleet;
import io.yardmaster.simulator.model.MetricsHistory;
import io.yardmaster.simulator.model.RealTimeClock;
import io.yardmaster.simulator.model.RealTimeTicker;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The embedded default's simulated fleet: one simulated cluster per configured cluster, one scale
 * set per node pool (matched by ARM scale-set id), on a real-time clock sped up by {@code
 * yardmaster.simulator.speed-up}. The emulators (Livy, YARN RM, ARM, Graphite) all serve this one
 * model.
 */
@Context
@Requires(property = SimulatorConfig.ENABLED, value = "true")
public final class SimulatedFleet implements AutoCloseable {
  /** How often the background ticker catches the model up with the wall clock. */
  static final Duration TICK = Duration.ofMillis(100);

  /** Metrics kept for the Graphite emulator. */
  static final Duration METRICS_RETENTION = Duration.ofHours(6);

  private final ClusterRegistry registry;
  private final SimulatorConfig config;
  private final RealTimeClock clock;
  private final Fleet fleet;
  private final MetricsHistory metrics;
  private final RealTimeTicker ticker;

  public SimulatedFleet(ClusterRegistry registry, SimulatorConfig config, Environment environment) {
    EmbeddedDefault.require(environment, SimulatorConfig.ENABLED + "=true");
    this.registry = requireNonNull(registry, "registry is null");
    this.config = requireNonNull(config, "config is null");
    this.clock = new RealTimeClock(Clock.systemUTC(), config.speedUp());
    Fleet.Builder builder =
        Fleet.builder(clock, config.seed())
            .bootTime(new BootTimeModel(config.bootTimeMedian(), config.bootTimeSigma()))
            .maxCompletedApplications(config.maxCompletedApplications());
    for (ClusterConfig cluster : registry.clusters()) {
      builder.cluster(cluster.name());
    }
    for (ClusterConfig cluster : registry.clusters()) {
      List<NodePoolConfig> pools = registry.poolsOf(cluster.name());
      for (int i = 0; i < pools.size(); i++) {
        NodePoolConfig pool = pools.get(i);
        builder.pool(
            pool.name(),
            cluster.name(),
            pool.scaleSetId(),
            pool.sku(),
            pool.priority(),
            initialNodes(pool, i == 0));
      }
    }
    this.fleet = builder.build();
    this.metrics = new MetricsHistory(fleet, config.metricsPeriod(), METRICS_RETENTION);
    this.ticker = new RealTimeTicker(fleet.simulation(), TICK);
  }

  private int initialNodes(NodePoolConfig pool, boolean firstOfCluster) {
    if (config.initialNodes() != null) {
      return Math.min(config.initialNodes(), pool.maxNodes());
    }
    int nodes = pool.minNodes();
    return firstOfCluster ? Math.max(nodes, Math.min(2, pool.maxNodes())) : nodes;
  }

  public Fleet fleet() {
    return fleet;
  }

  public MetricsHistory metrics() {
    return metrics;
  }

  public RealTimeClock clock() {
    return clock;
  }

  public SimulatorConfig config() {
    return config;
  }

  /** The registry entry of a simulated cluster. */
  public Optional<ClusterConfig> clusterConfig(String name) {
    return registry.cluster(name);
  }

  @PreDestroy
  @Override
  public void close() {
    ticker.close();
  }
}
