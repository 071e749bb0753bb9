package io.yardmaster.jobs.admission;

import static java.util.Objects.requireNonNull;

import io.micronaut.core.annotation.Nullable;
import io.yardmaster.core.registry.ClusterConfig;
import io.yardmaster.jobs.api.JobTarget;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Picks a job's cluster: the named one, or among those whose tags, queue and Spark version match,
 * the least loaded by its ResourceManager's metrics (memory and vcores in use, plus what Yardmaster
 * is starting there), or by Yardmaster's active jobs when a candidate's metrics are unknown.
 * Drained clusters and clusters whose Livy is failing (the circuit breaker is open) are skipped,
 * and a cluster that refused the job before its app started is tried last. The decision carries its
 * reason, which is stored with the job.
 */
public final class Routing {
  private Routing() {}

  /** A routing outcome: the cluster, or none with the reason the job waits. */
  public record Decision(Optional<String> cluster, String reason) {
    public Decision {
      requireNonNull(cluster, "cluster is null");
      requireNonNull(reason, "reason is null");
    }
  }

  /** How busy a cluster is: its utilisation (0..1) when its RM metrics are known, its jobs. */
  public record Load(OptionalDouble utilisation, int activeJobs) {
    static final Load IDLE = new Load(OptionalDouble.empty(), 0);

    String describe() {
      return utilisation.isPresent()
          ? String.format(
              Locale.ROOT, "%.0f %% in use or starting", utilisation.getAsDouble() * 100)
          : activeJobs + " active jobs";
    }
  }

  /** What routing needs to know about the fleet at this moment. */
  public record Fleet(Set<String> drained, Map<String, String> failing, Map<String, Load> loads) {
    public Fleet {
      drained = Set.copyOf(drained);
      failing = Map.copyOf(failing);
      loads = Map.copyOf(loads);
    }

    Load load(String cluster) {
      return loads.getOrDefault(cluster, Load.IDLE);
    }
  }

  /**
   * @param matching the clusters the target names or matches that take the job by their policy
   */
  public static Decision decide(
      JobTarget target, List<ClusterConfig> matching, @Nullable String refusedBy, Fleet fleet) {
    if (target.cluster() != null) {
      if (fleet.drained().contains(target.cluster())) {
        return new Decision(
            Optional.empty(), "cluster " + target.cluster() + " is drained; waiting for undrain");
      }
      if (fleet.failing().containsKey(target.cluster())) {
        return new Decision(Optional.empty(), fleet.failing().get(target.cluster()));
      }
      return new Decision(Optional.of(target.cluster()), "named in the request");
    }
    List<ClusterConfig> open =
        matching.stream()
            .filter(cluster -> !fleet.drained().contains(cluster.name()))
            .filter(cluster -> !fleet.failing().containsKey(cluster.name()))
            .toList();
    if (open.isEmpty()) {
      return new Decision(
          Optional.empty(),
          "no matching cluster takes jobs now: "
              + matching.stream()
                  .map(
                      cluster ->
                          cluster.name()
                              + (fleet.drained().contains(cluster.name())
                                  ? " is drained"
                                  : " is failing (" + fleet.failing().get(cluster.name()) + ")"))
                  .toList());
    }
    String rerouted = "";
    if (refusedBy != null
        && open.size() > 1
        && open.stream().anyMatch(c -> c.name().equals(refusedBy))) {
      open = open.stream().filter(cluster -> !cluster.name().equals(refusedBy)).toList();
      rerouted = "re-routed: " + refusedBy + " refused it before its app started; ";
    }
    boolean byMetrics = open.stream().allMatch(c -> fleet.load(c.name()).utilisation().isPresent());
    Comparator<ClusterConfig> byJobs =
        Comparator.comparingInt((ClusterConfig c) -> fleet.load(c.name()).activeJobs());
    Comparator<ClusterConfig> order =
        byMetrics
            ? Comparator.comparingDouble(
                    (ClusterConfig c) -> fleet.load(c.name()).utilisation().getAsDouble())
                .thenComparing(byJobs)
            : byJobs;
    ClusterConfig chosen =
        open.stream().min(order.thenComparing(ClusterConfig::name)).orElseThrow();
    return new Decision(
        Optional.of(chosen.name()),
        rerouted
            + "least loaded of "
            + open.stream().map(ClusterConfig::name).toList()
            + " matching tags "
            + target.tags()
            + (target.sparkVersion() == null ? "" : " and Spark " + target.sparkVersion())
            + " ("
            + chosen.name()
            + ": "
            + fleet.load(chosen.name()).describe()
            + (byMetrics ? " per its ResourceManager" : "")
            + ")");
  }
}
