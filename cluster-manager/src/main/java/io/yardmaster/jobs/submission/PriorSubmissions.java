package io.yardmaster.jobs.submission;

import io.yardmaster.backend.ApplicationStatus;
import io.yardmaster.backend.BatchStatus;
import io.yardmaster.backend.ComputeBackend;
import io.yardmaster.core.registry.ClusterConfig;
import io.yardmaster.jobs.BatchLookup;
import io.yardmaster.jobs.Job;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Looks for traces of earlier submissions of QUEUED jobs the submitter cannot prove were never
 * sent: a batch under the job's name in Livy (also while spark-submit still runs) or an app with
 * its tag in YARN. One Livy list and one ResourceManager query per {@link #TAGS_PER_QUERY} jobs,
 * per cluster, for the whole batch of jobs, never one call per job.
 */
@Singleton
public final class PriorSubmissions {
  static final int TAGS_PER_QUERY = 50;

  private final ComputeBackend backend;

  public PriorSubmissions(ComputeBackend backend) {
    this.backend = backend;
  }

  /** What the look-up found: per job, the cluster with a trace of it, or why it cannot be told. */
  public record Traces(Map<String, String> foundOn, Map<String, String> unknown) {
    public Traces {
      foundOn = Map.copyOf(foundOn);
      unknown = Map.copyOf(unknown);
    }
  }

  /**
   * @param clustersOf the clusters each job may have been sent to
   */
  public Traces find(List<Job> jobs, Function<Job, List<ClusterConfig>> clustersOf) {
    Map<String, ClusterConfig> clusters = new LinkedHashMap<>();
    Map<String, List<Job>> jobsByCluster = new HashMap<>();
    for (Job job : jobs) {
      for (ClusterConfig cluster : clustersOf.apply(job)) {
        clusters.putIfAbsent(cluster.name(), cluster);
        jobsByCluster.computeIfAbsent(cluster.name(), name -> new ArrayList<>()).add(job);
      }
    }
    Map<String, String> foundOn = new HashMap<>();
    Map<String, String> unknown = new HashMap<>();
    for (ClusterConfig cluster : clusters.values()) {
      List<Job> candidates = jobsByCluster.get(cluster.name());
      try {
        Set<String> traces = traces(cluster, candidates);
        for (Job job : candidates) {
          if (traces.contains(job.tag())) {
            foundOn.putIfAbsent(job.id(), cluster.name());
          }
        }
      } catch (RuntimeException e) {
        // A peer's failure or an answer that cannot be read: these jobs wait, no job is resent.
        for (Job job : candidates) {
          unknown.putIfAbsent(
              job.id(),
              "cannot yet tell whether an earlier attempt reached "
                  + cluster.name()
                  + ": "
                  + e.getMessage());
        }
      }
    }
    foundOn.keySet().forEach(unknown::remove);
    return new Traces(foundOn, unknown);
  }

  /** The job tags with a batch in the cluster's Livy or an app in its YARN. */
  private Set<String> traces(ClusterConfig cluster, List<Job> jobs) {
    Set<String> found = new HashSet<>();
    Set<String> named = new HashSet<>();
    for (BatchStatus batch : BatchLookup.all(backend, cluster).values()) {
      if (batch.name() != null) {
        named.add(batch.name().substring(batch.name().lastIndexOf(' ') + 1));
      }
    }
    for (Job job : jobs) {
      if (named.contains(job.tag())) {
        found.add(job.tag());
      }
    }
    for (int from = 0; from < jobs.size(); from += TAGS_PER_QUERY) {
      List<String> tags =
          jobs.subList(from, Math.min(jobs.size(), from + TAGS_PER_QUERY)).stream()
              .map(Job::tag)
              .toList();
      for (ApplicationStatus app : backend.applicationsTagged(cluster, tags)) {
        app.tags().stream().filter(tags::contains).forEach(found::add);
      }
    }
    return found;
  }
}
