package io.yardmaster.jobs;

import io.yardmaster.auth.Team;
import io.yardmaster.core.registry.ClusterConfig;
import io.yardmaster.core.registry.ClusterRegistry;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One submitter tick's view of what is running: per cluster, batches starting (capped below Livy's
 * own limit) and jobs active; per team, jobs active against its quota. Higher-priority teams go
 * first; a job that does not fit waits in QUEUED with the reason.
 */
final class Admission {
  private final ClusterRegistry registry;
  private final Map<String, Team> teams;
  private final Map<String, Integer> startingByCluster = new HashMap<>();
  private final Map<String, Integer> activeByCluster = new HashMap<>();
  private final Map<String, Integer> activeByTeam = new HashMap<>();

  Admission(
      ClusterRegistry registry, Map<String, Team> teams, List<JdbcJobStore.ActiveCount> counts) {
    this.registry = registry;
    this.teams = Map.copyOf(teams);
    for (JdbcJobStore.ActiveCount count : counts) {
      String cluster = count.cluster() == null ? "" : count.cluster();
      activeByCluster.merge(cluster, count.jobs(), Integer::sum);
      activeByTeam.merge(count.team(), count.jobs(), Integer::sum);
      if (count.state() != JobState.RUNNING) {
        startingByCluster.merge(cluster, count.jobs(), Integer::sum);
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
  Optional<String> blocker(String team, String cluster) {
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

  void admitted(String team, String cluster) {
    activeByTeam.merge(team, 1, Integer::sum);
    activeByCluster.merge(cluster, 1, Integer::sum);
    startingByCluster.merge(cluster, 1, Integer::sum);
  }

  Team team(String name) {
    return teams.get(name);
  }

  Map<String, Integer> activeByCluster() {
    return activeByCluster;
  }

  private int priority(String team) {
    Team config = teams.get(team);
    return config == null ? 0 : config.priority();
  }
}
