package io.yardmaster.jobs.admission;

import io.yardmaster.core.registry.ClusterConfig;
import io.yardmaster.core.registry.ClusterRegistry;
import io.yardmaster.jobs.Job;
import io.yardmaster.jobs.JobState;
import io.yardmaster.jobs.store.JdbcJobStore;
import io.yardmaster.load.ClusterUsage;
import io.yardmaster.web.teams.Team;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * One submitter tick's view of what is running: per cluster, batches starting (capped below Livy's
 * own limit) and jobs active; per team, jobs, cores and memory active against its quotas.
 *
 * <p>Fair across teams: the tick sees every team's head of line. Higher-priority teams go first;
 * teams of equal priority take turns — each one's first job, then each one's second, and so on — so
 * one team's backlog never hides another team's job. Within a team it is first come, first served:
 * once a team's job waits for the team's quota, its later jobs wait behind it.
 */
public final class Admission {
  private final ClusterRegistry registry;
  private final Map<String, Team> teams;
  private final Map<String, ClusterUsage> usage;
  private final Map<String, Integer> startingByCluster = new HashMap<>();
  private final Map<String, Long> startingMemoryByCluster = new HashMap<>();
  private final Map<String, Integer> activeByCluster = new HashMap<>();
  private final Map<String, Integer> activeByTeam = new HashMap<>();
  private final Map<String, Long> coresByTeam = new HashMap<>();
  private final Map<String, Long> memoryByTeam = new HashMap<>();
  private final Set<String> waitingForQuota = new HashSet<>();

  public Admission(
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

  /**
   * Higher-priority teams first; among teams of equal priority, every team's n-th job before any
   * team's (n+1)-th; then the oldest job.
   */
  public List<Job> inFairOrder(List<Job> queued) {
    Map<String, Integer> seen = new HashMap<>();
    List<Ranked> ranked = new ArrayList<>(queued.size());
    queued.stream()
        .sorted(Comparator.comparing(Job::createdAt).thenComparing(Job::id))
        .forEach(job -> ranked.add(new Ranked(job, seen.merge(job.team(), 1, Integer::sum))));
    return ranked.stream()
        .sorted(
            Comparator.comparingInt((Ranked r) -> -priority(r.job().team()))
                .thenComparingInt(Ranked::place)
                .thenComparing(r -> r.job().createdAt())
                .thenComparing(r -> r.job().id()))
        .map(Ranked::job)
        .toList();
  }

  private record Ranked(Job job, int place) {}

  /** Why the job cannot start on {@code cluster} now, or empty when it can. */
  public Optional<String> blocker(Job job, String cluster) {
    String team = job.team();
    Team config = teams.get(team);
    if (config == null) {
      return Optional.of("team " + team + " is not configured");
    }
    if (waitingForQuota.contains(team)) {
      return Optional.of("behind an earlier job of team " + team + " that waits for its quota");
    }
    Optional<String> quota = quotaBlocker(job, config);
    if (quota.isPresent()) {
      waitingForQuota.add(team);
      return quota;
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

  private Optional<String> quotaBlocker(Job job, Team config) {
    String team = job.team();
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
    long cores = coresByTeam.getOrDefault(team, 0L);
    if (cores + job.cores() > config.maxCores()) {
      return Optional.of(
          "team "
              + team
              + " has "
              + cores
              + " cores active and this job needs "
              + job.cores()
              + " (quota max-cores "
              + config.maxCores()
              + ")");
    }
    long memory = memoryByTeam.getOrDefault(team, 0L);
    if (memory + job.memoryMb() > config.maxMemoryMb()) {
      return Optional.of(
          "team "
              + team
              + " has "
              + memory
              + " MB active and this job needs "
              + job.memoryMb()
              + " MB (quota max-memory-mb "
              + config.maxMemoryMb()
              + ")");
    }
    return Optional.empty();
  }

  /** Counts a job that was just claimed for {@code cluster}. */
  public void admitted(Job job, String cluster) {
    String team = job.team();
    activeByTeam.merge(team, 1, Integer::sum);
    coresByTeam.merge(team, job.cores(), Long::sum);
    memoryByTeam.merge(team, job.memoryMb(), Long::sum);
    activeByCluster.merge(cluster, 1, Integer::sum);
    startingByCluster.merge(cluster, 1, Integer::sum);
    startingMemoryByCluster.merge(cluster, job.memoryMb(), Long::sum);
  }

  /**
   * Each cluster's load for routing: its RM's last reading plus the memory of the jobs Yardmaster
   * is starting there (not yet in the reading), and its active jobs.
   */
  public Map<String, Routing.Load> loads() {
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

  public Team team(String name) {
    return teams.get(name);
  }

  private int priority(String team) {
    Team config = teams.get(team);
    return config == null ? 0 : config.priority();
  }
}
