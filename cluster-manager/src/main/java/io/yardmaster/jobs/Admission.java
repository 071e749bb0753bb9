package io.yardmaster.jobs;

import io.yardmaster.core.registry.ClusterConfig;
import io.yardmaster.core.registry.ClusterRegistry;
import io.yardmaster.health.ClusterUsage;
import io.yardmaster.web.teams.Team;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One submitter tick's view of what is running: per cluster, batches starting (capped below Livy's
 * own limit) and jobs active; per team, jobs, cores and memory active against its quotas.
 * Higher-priority teams go first; a job that does not fit waits in QUEUED with the reason.
 */
final class Admission {
  private final ClusterRegistry registry;
  private final Map<String, Team> teams;
  private final Map<String, ClusterUsage> usage;
  private final Map<String, Integer> startingByCluster = new HashMap<>();
  private final Map<String, Long> startingMemoryByCluster = new HashMap<>();
  private final Map<String, Integer> activeByCluster = new HashMap<>();
  private final Map<String, Integer> activeByTeam = new HashMap<>();
  private final Map<String, Long> coresByTeam = new HashMap<>();
  private final Map<String, Long> memoryByTeam = new HashMap<>();

  /** Each job's size, parsed from its request once per tick (blocker, then admitted). */
  private final Map<String, JobSize> sizes = new HashMap<>();

  Admission(
      ClusterRegistry registry,
      Map<String, Team> teams,
      List<JdbcJobStore.ActiveCount> counts,
      Map<String, ClusterUsage> usage) {
    this.registry = registry;
    this.teams = Map.copyOf(teams);
    this.usage = Map.copyOf(usage);
    for (JdbcJobStore.ActiveCount count : counts) {
      String cluster = count.cluster() == null ? "" : count.cluster();
      activeByCluster.merge(cluster, count.jobs(), Integer::sum);
      activeByTeam.merge(count.team(), count.jobs(), Integer::sum);
      coresByTeam.merge(count.team(), count.cores(), Long::sum);
      memoryByTeam.merge(count.team(), count.memoryMb(), Long::sum);
      if (count.state() != JobState.RUNNING) {
        startingByCluster.merge(cluster, count.jobs(), Integer::sum);
        startingMemoryByCluster.merge(cluster, count.memoryMb(), Long::sum);
      }
    }
  }

  List<Job> inPriorityOrder(List<Job> queued) {
    return queued.stream()
        .sorted(
            Comparator.comparingInt((Job job) -> -priority(job.team()))
                .thenComparing(Job::createdAt)
                .thenComparing(Job::id))
        .toList();
  }

  /** Why the job cannot start on {@code cluster} now, or empty when it can. */
  Optional<String> blocker(Job job, String cluster) {
    String team = job.team();
    Team config = teams.get(team);
    if (config == null) {
      return Optional.of("team " + team + " is not configured");
    }
    int teamActive = activeByTeam.getOrDefault(team, 0);
    if (teamActive >= config.maxRunningJobs()) {
      return Optional.of(
          "team "
              + team
              + " has "
              + teamActive
              + " jobs active (quota max-running-jobs "
              + config.maxRunningJobs()
              + ")");
    }
    JobSize size = size(job);
    long cores = coresByTeam.getOrDefault(team, 0L);
    if (cores + size.cores() > config.maxCores()) {
      return Optional.of(
          "team "
              + team
              + " has "
              + cores
              + " cores active and this job needs "
              + size.cores()
              + " (quota max-cores "
              + config.maxCores()
              + ")");
    }
    long memory = memoryByTeam.getOrDefault(team, 0L);
    if (memory + size.memoryMb() > config.maxMemoryMb()) {
      return Optional.of(
          "team "
              + team
              + " has "
              + memory
              + " MB active and this job needs "
              + size.memoryMb()
              + " MB (quota max-memory-mb "
              + config.maxMemoryMb()
              + ")");
    }
    ClusterConfig limits = registry.cluster(cluster).orElseThrow();
    int starting = startingByCluster.getOrDefault(cluster, 0);
    if (starting >= limits.maxStartingBatches()) {
      return Optional.of(
          "cluster "
              + cluster
              + " has "
              + starting
              + " batches starting (max-starting-batches "
              + limits.maxStartingBatches()
              + ")");
    }
    int active = activeByCluster.getOrDefault(cluster, 0);
    if (active >= limits.maxRunningJobs()) {
      return Optional.of(
          "cluster "
              + cluster
              + " has "
              + active
              + " jobs active (max-running-jobs "
              + limits.maxRunningJobs()
              + ")");
    }
    return Optional.empty();
  }

  private JobSize size(Job job) {
    return sizes.computeIfAbsent(job.id(), id -> JobSize.of(job.request().batch()));
  }

  void admitted(Job job, String cluster) {
    String team = job.team();
    JobSize size = size(job);
    activeByTeam.merge(team, 1, Integer::sum);
    coresByTeam.merge(team, (long) size.cores(), Long::sum);
    memoryByTeam.merge(team, size.memoryMb(), Long::sum);
    activeByCluster.merge(cluster, 1, Integer::sum);
    startingByCluster.merge(cluster, 1, Integer::sum);
    startingMemoryByCluster.merge(cluster, size.memoryMb(), Long::sum);
  }

  /**
   * Each cluster's load for routing: its RM's last reading plus the memory of the jobs Yardmaster
   * is starting there (not yet in the reading), and its active jobs.
   */
  Map<String, Routing.Load> loads() {
    Map<String, Routing.Load> loads = new HashMap<>();
    for (ClusterConfig cluster : registry.clusters()) {
      String name = cluster.name();
      ClusterUsage reading = usage.get(name);
      OptionalDouble utilisation =
          reading == null
              ? OptionalDouble.empty()
              : OptionalDouble.of(
                  reading.utilisation(startingMemoryByCluster.getOrDefault(name, 0L)));
      loads.put(name, new Routing.Load(utilisation, activeByCluster.getOrDefault(name, 0)));
    }
    return loads;
  }

  Team team(String name) {
    return teams.get(name);
  }

  private int priority(String team) {
    Team config = teams.get(team);
    return config == null ? 0 : config.priority();
  }
}
