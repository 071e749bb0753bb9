package io.yardmaster.jobs;

import static java.util.Objects.requireNonNull;

import io.yardmaster.core.registry.ClusterConfig;
import io.yardmaster.core.registry.ClusterRegistry;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Picks a job's cluster: the named one, or among those whose tags and Spark version match, the one
 * with the fewest active Yardmaster jobs; drained clusters and clusters whose Livy is failing (the
 * circuit breaker is open) are skipped. The decision carries its reason, which is stored with the
 * job.
 */
final class Routing {
  private Routing() {}

  /** A routing outcome: the cluster, or none with the reason the job waits. */
  record Decision(Optional<String> cluster, String reason) {
    Decision {
      requireNonNull(cluster, "cluster is null");
      requireNonNull(reason, "reason is null");
    }
  }

  static List<ClusterConfig> candidates(ClusterRegistry registry, JobTarget target) {
    if (target.cluster() != null) {
      return registry.cluster(target.cluster()).stream().toList();
    }
    return registry.clusters().stream()
        .filter(cluster -> cluster.tags().containsAll(target.tags()))
        .filter(
            cluster ->
                target.sparkVersion() == null
                    || cluster.sparkVersion().equals(target.sparkVersion())
                    || cluster.sparkVersion().startsWith(target.sparkVersion() + "."))
        .toList();
  }

  static Decision decide(
      ClusterRegistry registry,
      JobTarget target,
      Set<String> drained,
      Map<String, String> failing,
      Map<String, Integer> activeJobs) {
    if (target.cluster() != null) {
      if (drained.contains(target.cluster())) {
        return new Decision(
            Optional.empty(), "cluster " + target.cluster() + " is drained; waiting for undrain");
      }
      if (failing.containsKey(target.cluster())) {
        return new Decision(Optional.empty(), failing.get(target.cluster()));
      }
      return new Decision(Optional.of(target.cluster()), "named in the request");
    }
    List<ClusterConfig> matching = candidates(registry, target);
    List<ClusterConfig> open =
        matching.stream()
            .filter(cluster -> !drained.contains(cluster.name()))
            .filter(cluster -> !failing.containsKey(cluster.name()))
            .toList();
    if (open.isEmpty()) {
      return new Decision(
          Optional.empty(),
          "no matching cluster takes jobs now: "
              + matching.stream()
                  .map(
                      cluster ->
                          cluster.name()
                              + (drained.contains(cluster.name())
                                  ? " is drained"
                                  : " is failing (" + failing.get(cluster.name()) + ")"))
                  .toList());
    }
    ClusterConfig chosen =
        open.stream()
            .min(
                Comparator.comparingInt(
                        (ClusterConfig cluster) -> activeJobs.getOrDefault(cluster.name(), 0))
                    .thenComparing(ClusterConfig::name))
            .orElseThrow();
    return new Decision(
        Optional.of(chosen.name()),
        "least loaded of "
            + open.stream().map(ClusterConfig::name).toList()
            + " matching tags "
            + target.tags()
            + (target.sparkVersion() == null ? "" : " and Spark " + target.sparkVersion())
            + " ("
            + activeJobs.getOrDefault(chosen.name(), 0)
            + " active jobs)");
  }
}
