package io.yardmaster.app.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import io.yardmaster.autoscaler.store.AutoscalerStore;
import io.yardmaster.autoscaler.store.DecisionRecord;
import io.yardmaster.core.registry.ClusterRegistry;
import io.yardmaster.core.registry.NodePoolConfig;
import io.yardmaster.jobs.JobState;
import io.yardmaster.jobs.store.JdbcJobStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fleet's state as Prometheus gauges, re-read from the database every {@value #PERIOD},
 * whatever the scrape rate (one GROUP BY over the unfinished jobs, and per node pool one indexed
 * read of its last decision): unfinished jobs per team and state, and per node pool its capacity,
 * target, booting VMs and pending demand as its last tick saw them. Labels are bounded by
 * configuration (teams, pools, states, clusters), never a job or app id. A failed re-read keeps the
 * last values and is logged; it never fails a scrape.
 */
@Context
@Requires(beans = MeterRegistry.class)
public final class FleetMetrics {
  static final String PERIOD = "15s";
  private static final List<JobState> UNFINISHED =
      Arrays.stream(JobState.values()).filter(state -> !state.terminal()).toList();
  private static final Logger LOG = LoggerFactory.getLogger(FleetMetrics.class);

  private final BeanProvider<JdbcJobStore> jobs;
  private final BeanProvider<AutoscalerStore> decisions;
  private final ClusterRegistry registry;
  private final MultiGauge unfinished;
  private final List<PoolGauge> pools = new ArrayList<>();

  /** One gauge per pool of a value of the pool's last decision. */
  private record PoolGauge(MultiGauge gauge, ToDoubleFunction<DecisionRecord> value) {}

  public FleetMetrics(
      MeterRegistry meters,
      BeanProvider<JdbcJobStore> jobs,
      BeanProvider<AutoscalerStore> decisions,
      ClusterRegistry registry) {
    this.jobs = jobs;
    this.decisions = decisions;
    this.registry = registry;
    this.unfinished =
        MultiGauge.builder("yardmaster.jobs")
            .description(
                "unfinished jobs, by team and state (QUEUED, SUBMITTING, STARTING, RUNNING)")
            .register(meters);
    pool(
        meters,
        "yardmaster.pool.capacity.nodes",
        "VMs the scale set has",
        d -> nodes(d.capacity()));
    pool(meters, "yardmaster.pool.target.nodes", "VMs the last tick aimed for", d -> d.target());
    pool(meters, "yardmaster.pool.booting.nodes", "VMs not yet NodeManagers", d -> d.bootingVms());
    pool(
        meters,
        "yardmaster.pool.free.nodes",
        "NodeManagers with nothing running",
        d -> d.freeNodes());
    pool(meters, "yardmaster.pool.pending.vcores", "vcores YARN waits for", d -> d.pendingVcores());
    pool(
        meters,
        "yardmaster.pool.pending.memory.bytes",
        "memory YARN waits for",
        d -> d.pendingMemoryMb() * 1024.0 * 1024.0);
    pool(
        meters,
        "yardmaster.pool.demand.age.seconds",
        "age of the demand reading the last tick used",
        d -> d.demandAgeMillis() / 1000.0);
    refresh();
  }

  private void pool(
      MeterRegistry meters, String name, String description, ToDoubleFunction<DecisionRecord> of) {
    pools.add(
        new PoolGauge(MultiGauge.builder(name).description(description).register(meters), of));
  }

  @Scheduled(fixedDelay = PERIOD, initialDelay = PERIOD)
  void refresh() {
    try {
      if (jobs.isPresent()) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (Map.Entry<String, Map<JobState, Integer>> team :
            jobs.get().unfinishedByTeam().entrySet()) {
          for (JobState state : UNFINISHED) {
            int count = team.getValue().getOrDefault(state, 0);
            rows.add(
                MultiGauge.Row.of(Tags.of("team", team.getKey(), "state", state.name()), count));
          }
        }
        unfinished.register(rows, true);
      }
      if (decisions.isPresent()) {
        List<DecisionRecord> last = new ArrayList<>();
        for (NodePoolConfig pool : registry.pools()) {
          decisions.get().decisions(pool.name(), 1).stream().findFirst().ifPresent(last::add);
        }
        for (PoolGauge gauge : pools) {
          List<MultiGauge.Row<?>> rows = new ArrayList<>();
          for (DecisionRecord d : last) {
            Tags tags = Tags.of("pool", d.pool(), "cluster", d.cluster());
            rows.add(MultiGauge.Row.of(tags, gauge.value().applyAsDouble(d)));
          }
          gauge.gauge().register(rows, true);
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("the fleet's metrics could not be re-read; the last values stay", e);
    }
  }

  private static double nodes(Integer capacity) {
    return capacity == null ? Double.NaN : capacity;
  }
}
