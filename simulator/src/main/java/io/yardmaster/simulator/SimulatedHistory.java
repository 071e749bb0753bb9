package io.yardmaster.simulator;

import static java.util.Objects.requireNonNull;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.yardmaster.simulator.model.ApplicationSpec;
import io.yardmaster.simulator.model.Fleet;
import io.yardmaster.simulator.model.Resources;
import io.yardmaster.simulator.model.SimulatedCluster;
import io.yardmaster.simulator.model.SimulatedScaleSet;
import io.yardmaster.simulator.model.Trace;
import io.yardmaster.simulator.model.TraceJob;
import java.nio.file.Files;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays a trace as the fleet's past at start ({@link HistoryConfig}): each trace job that fits
 * its cluster's hourly budget becomes an ended app of that cluster's RM, with Yardmaster's tags
 * (ym-job-, ym-team-, ym-dag-, ym-task-, ym-run-), its sizes and duration, and the allocation it
 * would have had (containers × duration); every tenth is an untagged ad-hoc app. The clusters'
 * starting VMs are backdated to the window's start: they are the VMs that ran it.
 */
@Context
@Requires(property = SimulatorConfig.ENABLED, value = "true")
@Requires(property = HistoryConfig.ENABLED, value = "true")
public final class SimulatedHistory {
  private static final Logger LOG = LoggerFactory.getLogger(SimulatedHistory.class);
  private static final long TRACE_DAY_SECONDS = 86_400;
  private static final long LAUNCH_MILLIS = 2_000;

  private final Map<String, Integer> replayed = new HashMap<>();

  public SimulatedHistory(SimulatedFleet simulated, HistoryConfig config) {
    requireNonNull(simulated, "simulated is null");
    requireNonNull(config, "config is null");
    if (!Files.isReadable(config.trace())) {
      LOG.warn(
          "no simulated history: the trace {} cannot be read (run from the repository, next to"
              + " ../shared/traces, or set {}.trace)",
          config.trace().toAbsolutePath(),
          HistoryConfig.PREFIX);
      return;
    }
    Trace trace = Trace.read(config.trace());
    replay(simulated.fleet(), trace.jobs(), config);
  }

  /** Apps replayed per cluster. */
  public Map<String, Integer> replayed() {
    return Map.copyOf(replayed);
  }

  private void replay(Fleet fleet, List<TraceJob> jobs, HistoryConfig config) {
    long now = fleet.now().toEpochMilli();
    long start = now - config.window().toMillis();
    List<SimulatedCluster> clusters = new ArrayList<>();
    Map<String, long[]> capacity = new HashMap<>();
    for (SimulatedCluster cluster : fleet.clusters()) {
      long vcores = 0;
      long memory = 0;
      for (SimulatedScaleSet scaleSet : fleet.scaleSetsOf(cluster.name())) {
        int vms = scaleSet.capacity();
        vcores += (long) vms * scaleSet.sku().nodeManagerVcores();
        memory += (long) vms * scaleSet.sku().nodeManagerMemoryMb();
        scaleSet.backdate(start);
      }
      if (vcores > 0) {
        clusters.add(cluster);
        capacity.put(cluster.name(), new long[] {vcores, memory});
      }
    }
    if (clusters.isEmpty()) {
      return;
    }
    String runId =
        "scheduled__"
            + DateTimeFormatter.ISO_LOCAL_DATE.format(
                Instant.ofEpochMilli(start).atOffset(ZoneOffset.UTC))
            + "t00:00:00+00:00";
    Map<String, Map<Long, long[]>> used = new HashMap<>();
    long scale = config.window().toMillis() / TRACE_DAY_SECONDS;
    int index = 0;
    for (TraceJob job : jobs) {
      index++;
      SimulatedCluster cluster =
          clusters.get(Math.floorMod(job.team().hashCode(), clusters.size()));
      long[] room = capacity.get(cluster.name());
      int count = replayed.getOrDefault(cluster.name(), 0);
      if (count >= config.maxApps()) {
        continue;
      }
      int executors =
          (int)
              Math.max(
                  0,
                  Math.min(
                      job.executors(),
                      Math.min(
                          (room[0] / 2 - job.driverCores()) / job.executorCores(),
                          (room[1] / 2 - job.driverMemoryMb()) / job.executorMemoryMb())));
      long submitted = start + job.submitSeconds() * scale;
      long launched = submitted + LAUNCH_MILLIS;
      long duration = job.durationSeconds() * 1000;
      long finished = launched + duration;
      if (finished >= now) {
        continue;
      }
      long vcoreSeconds =
          ((long) executors * job.executorCores() + job.driverCores()) * job.durationSeconds();
      long memorySeconds =
          ((long) executors * job.executorMemoryMb() + job.driverMemoryMb())
              * job.durationSeconds();
      long hour = Math.floorDiv(launched, 3_600_000L);
      long[] hourUsed =
          used.computeIfAbsent(cluster.name(), k -> new HashMap<>())
              .computeIfAbsent(hour, k -> new long[2]);
      double budget = config.load() * 3600;
      if (hourUsed[0] + vcoreSeconds > budget * room[0]
          || hourUsed[1] + memorySeconds > budget * room[1]) {
        continue;
      }
      hourUsed[0] += vcoreSeconds;
      hourUsed[1] += memorySeconds;
      boolean adHoc = index % 10 == 0;
      List<String> tags =
          adHoc
              ? List.of()
              : List.of(
                  "ym-job-" + job.jobId(),
                  "ym-team-" + job.team(),
                  "ym-dag-" + job.dagId(),
                  "ym-task-" + job.taskId(),
                  "ym-run-" + runId);
      ApplicationSpec spec =
          new ApplicationSpec(
              adHoc ? "adhoc-" + job.jobId() : job.dagId() + "." + job.taskId(),
              adHoc ? "analyst" : "airflow",
              adHoc ? "root.adhoc" : "root.default",
              tags,
              new Resources(job.driverMemoryMb(), job.driverCores()),
              new Resources(job.executorMemoryMb(), job.executorCores()),
              executors,
              java.time.Duration.ofMillis(duration),
              null);
      boolean failed = Math.floorMod((job.jobId() + "fail").hashCode(), 33) == 0;
      cluster.recordPast(spec, submitted, launched, finished, vcoreSeconds, memorySeconds, failed);
      replayed.merge(cluster.name(), 1, Integer::sum);
    }
    LOG.info(
        "simulated history: {} apps over the last {} replayed from {} ({} per cluster)",
        replayed.values().stream().mapToInt(Integer::intValue).sum(),
        config.window(),
        config.trace(),
        replayed);
  }
}
