package io.yardmaster.jobs.policy;

import io.yardmaster.core.registry.ClusterConfig;
import io.yardmaster.core.registry.ClusterRegistry;
import io.yardmaster.jobs.api.JobRequest;
import io.yardmaster.jobs.api.JobTarget;
import io.yardmaster.jobs.api.SparkBatch;
import io.yardmaster.web.errors.ApiErrorCode;
import io.yardmaster.web.teams.Team;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a cluster takes a job, and what the job will run with and hold there. The API
 * asks it before storing a job and the submitter before sending one, so a job is never refused by
 * one and sent by the other.
 */
@Singleton
public final class JobPolicy {
  private final ClusterRegistry registry;
  private final ConfPolicies policies;

  public JobPolicy(ClusterRegistry registry, ConfPolicies policies) {
    this.registry = registry;
    this.policies = policies;
  }

  /** The clusters a target names or matches, before any policy. */
  public List<ClusterConfig> candidates(JobTarget target, SparkBatch batch) {
    String queue = queue(target, batch);
    if (target.cluster() != null) {
      return registry.cluster(target.cluster()).stream().toList();
    }
    return registry.clusters().stream()
        .filter(cluster -> cluster.tags().containsAll(target.tags()))
        .filter(cluster -> cluster.hasQueue(queue))
        .filter(
            cluster ->
                target.sparkVersion() == null
                    || cluster.sparkVersion().equals(target.sparkVersion())
                    || cluster.sparkVersion().startsWith(target.sparkVersion() + "."))
        .toList();
  }

  /** The candidates that take the job. */
  public List<ClusterConfig> admitting(Team team, JobRequest request) {
    return candidates(request.target(), request.batch()).stream()
        .filter(cluster -> refusal(cluster, team, request).isEmpty())
        .toList();
  }

  /** Why {@code cluster} will not take the job, or empty when it will. */
  public Optional<Refusal> refusal(ClusterConfig cluster, Team team, JobRequest request) {
    SparkBatch batch = request.batch();
    ConfPolicy policy = policies.of(cluster.name());
    List<String> keys = policy.keyProblems(batch);
    List<String> files = policy.files().problems(batch);
    if (!keys.isEmpty()) {
      return Optional.of(
          new Refusal(
              ApiErrorCode.CONF_DENIED,
              "cluster " + cluster.name() + " does not let a job set these",
              keys));
    }
    if (!files.isEmpty()) {
      return Optional.of(
          new Refusal(
              ApiErrorCode.FILE_DENIED,
              "cluster " + cluster.name() + " does not take files from there",
              files));
    }
    String queue = queue(request.target(), batch);
    if (!cluster.hasQueue(queue)) {
      return Optional.of(
          new Refusal(
              ApiErrorCode.UNKNOWN_QUEUE,
              "cluster "
                  + cluster.name()
                  + " has no queue '"
                  + queue
                  + "'; its queues: "
                  + cluster.queues(),
              List.of(batch.queue() != null ? "batch.queue" : "target.queue")));
    }
    return fit(cluster, size(cluster, team, batch));
  }

  public EffectiveConf conf(ClusterConfig cluster, Team team, SparkBatch batch) {
    return EffectiveConf.of(cluster, team, batch);
  }

  public JobSize size(ClusterConfig cluster, Team team, SparkBatch batch) {
    return JobSize.of(conf(cluster, team, batch), capacity(cluster));
  }

  public ClusterCapacity capacity(ClusterConfig cluster) {
    return new ClusterCapacity(registry.poolsOf(cluster.name()));
  }

  /** The YARN queue the job asks for: the batch's, else the target's. */
  public static String queue(JobTarget target, SparkBatch batch) {
    return batch.queue() != null ? batch.queue() : target.queue();
  }

  /** Refuses an app bigger than the cluster could ever give, counting every node it may grow. */
  private Optional<Refusal> fit(ClusterConfig cluster, JobSize size) {
    ClusterCapacity capacity = capacity(cluster);
    List<String> problems = new ArrayList<>();
    if (size.executorContainerMemoryMb() > capacity.largestNodeMemoryMb()) {
      problems.add(
          "batch.executorMemory: an executor container needs "
              + size.executorContainerMemoryMb()
              + " MB with its overhead; a node of "
              + cluster.name()
              + " offers "
              + capacity.largestNodeMemoryMb()
              + " MB");
    }
    if (size.driverContainerMemoryMb() > capacity.largestNodeMemoryMb()) {
      problems.add(
          "batch.driverMemory: the driver container needs "
              + size.driverContainerMemoryMb()
              + " MB with its overhead; a node of "
              + cluster.name()
              + " offers "
              + capacity.largestNodeMemoryMb()
              + " MB");
    }
    if (size.executorCores() > capacity.largestNodeVcores()) {
      problems.add(
          "batch.executorCores: "
              + size.executorCores()
              + " is more than a node of "
              + cluster.name()
              + " offers ("
              + capacity.largestNodeVcores()
              + ")");
    }
    // What the job needs to start: its driver and its first executors (dynamic allocation asks
    // for more only as room allows).
    long needed = size.driverCores() + size.initialExecutors() * size.executorCores();
    boolean known = capacity.totalVcores() < ClusterCapacity.UNBOUNDED;
    if (known && needed > capacity.totalVcores()) {
      problems.add(
          "batch.numExecutors: "
              + needed
              + " cores in all is more than "
              + cluster.name()
              + " can ever have ("
              + capacity.totalVcores()
              + ")");
    }
    return problems.isEmpty()
        ? Optional.empty()
        : Optional.of(
            new Refusal(
                ApiErrorCode.TOO_LARGE_FOR_CLUSTER,
                "the job can never fit on " + cluster.name(),
                problems));
  }
}
