package io.yardmaster.jobs;

import io.micronaut.http.HttpStatus;
import io.yardmaster.core.registry.ClusterConfig;
import io.yardmaster.core.registry.ClusterRegistry;
import io.yardmaster.core.registry.NodePoolConfig;
import io.yardmaster.web.errors.ApiError;
import io.yardmaster.web.errors.ApiErrorCode;
import io.yardmaster.web.errors.ApiException;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses, with a 400 naming the field, every request that cannot become a sensible Spark app:
 * missing or oversized fields, malformed sizes, denied conf keys, an unknown cluster, or an app
 * larger than the named cluster could ever run.
 */
@Singleton
public final class JobRequestValidator {
  static final int MAX_TEXT = 4096;
  static final int MAX_LABEL = 250;
  static final int MAX_LIST = 1000;
  static final int MAX_CONF = 500;
  static final int MAX_KEY = 200;
  private static final Pattern MEMORY = Pattern.compile("(\\d{1,7})([kmgt]?)b?");
  private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,200}");

  private final ClusterRegistry registry;

  public JobRequestValidator(ClusterRegistry registry) {
    this.registry = registry;
  }

  public void validateKey(String key) {
    if (!KEY.matcher(key).matches()) {
      throw new ApiException(
          ApiErrorCode.INVALID_IDEMPOTENCY_KEY,
          "Idempotency-Key must be 1-200 printable ASCII characters without spaces",
          List.of("Idempotency-Key"));
    }
  }

  public void validate(JobRequest request) {
    SparkBatch batch = request.batch();
    if (batch == null) {
      throw invalid(List.of("batch: required"));
    }
    List<String> problems = new ArrayList<>();
    if (batch.file() == null || batch.file().isBlank()) {
      problems.add("batch.file: required");
    }
    text(problems, "batch.file", batch.file(), MAX_TEXT);
    text(problems, "batch.className", batch.className(), MAX_TEXT);
    text(problems, "batch.queue", batch.queue(), MAX_LABEL);
    text(problems, "batch.name", batch.name(), MAX_LABEL);
    list(problems, "batch.args", batch.args());
    list(problems, "batch.jars", batch.jars());
    list(problems, "batch.pyFiles", batch.pyFiles());
    list(problems, "batch.files", batch.files());
    list(problems, "batch.archives", batch.archives());
    memory(problems, "batch.driverMemory", batch.driverMemory());
    memory(problems, "batch.executorMemory", batch.executorMemory());
    range(problems, "batch.driverCores", batch.driverCores(), 1, 256);
    range(problems, "batch.executorCores", batch.executorCores(), 1, 256);
    range(problems, "batch.numExecutors", batch.numExecutors(), 0, 100_000);
    if (batch.conf().size() > MAX_CONF) {
      problems.add("batch.conf: at most " + MAX_CONF + " entries");
    }
    for (Map.Entry<String, String> entry : batch.conf().entrySet()) {
      text(problems, "batch.conf." + entry.getKey(), entry.getKey(), MAX_KEY);
      text(problems, "batch.conf." + entry.getKey(), entry.getValue(), MAX_TEXT);
    }
    JobLabels labels = request.labels();
    text(problems, "labels.dagId", labels.dagId(), MAX_LABEL);
    text(problems, "labels.taskId", labels.taskId(), MAX_LABEL);
    text(problems, "labels.runId", labels.runId(), MAX_LABEL);
    range(problems, "labels.mapIndex", labels.mapIndex(), -1, 1_000_000);
    range(problems, "labels.tryNumber", labels.tryNumber(), 0, 1_000);
    if (!problems.isEmpty()) {
      throw invalid(problems);
    }
    List<String> denied =
        batch.conf().keySet().stream().filter(ConfPolicy::denied).sorted().toList();
    if (!denied.isEmpty()) {
      throw new ApiException(
          ApiErrorCode.CONF_DENIED,
          "these Spark conf keys are set by Yardmaster and may not be given: "
              + String.join(", ", denied),
          denied.stream().map(key -> "batch.conf." + key).toList());
    }
    validateTarget(request.target(), batch);
  }

  private void validateTarget(JobTarget target, SparkBatch batch) {
    if (target.cluster() != null) {
      ClusterConfig cluster =
          registry
              .cluster(target.cluster())
              .orElseThrow(
                  () ->
                      ApiException.badRequest(
                          ApiErrorCode.CLUSTER_NOT_FOUND,
                          "no cluster named '"
                              + target.cluster()
                              + "'; known: "
                              + registry.clusters().stream().map(ClusterConfig::name).toList(),
                          List.of("target.cluster")));
      String queue = batch.queue() != null ? batch.queue() : target.queue();
      if (!cluster.hasQueue(queue)) {
        throw new ApiException(
            ApiErrorCode.UNKNOWN_QUEUE,
            "cluster "
                + cluster.name()
                + " has no queue '"
                + queue
                + "'; its queues: "
                + cluster.queues(),
            List.of(batch.queue() != null ? "batch.queue" : "target.queue"));
      }
      checkFits(cluster, batch);
      return;
    }
    List<ClusterConfig> candidates = Routing.candidates(registry, target);
    if (candidates.isEmpty()) {
      throw new ApiException(
          ApiErrorCode.NO_MATCHING_CLUSTER,
          "no cluster has tags "
              + target.tags()
              + Optional.ofNullable(target.queue()).map(q -> ", queue " + q).orElse("")
              + " and Spark version "
              + Optional.ofNullable(target.sparkVersion()).orElse("(any)"),
          List.of("target"));
    }
    // Routed: it must fit at least one of the clusters it may be routed to.
    ApiException tooLarge = null;
    for (ClusterConfig candidate : candidates) {
      try {
        checkFits(candidate, batch);
        return;
      } catch (ApiException e) {
        tooLarge = e;
      }
    }
    throw tooLarge;
  }

  /** Refuses an app bigger than the cluster could ever give, counting every node it may grow. */
  private void checkFits(ClusterConfig cluster, SparkBatch batch) {
    List<NodePoolConfig> pools = registry.poolsOf(cluster.name());
    if (pools.isEmpty()) {
      return;
    }
    long nodeMemory = pools.stream().mapToLong(p -> p.sku().nodeManagerMemoryMb()).max().orElse(0);
    int nodeCores = pools.stream().mapToInt(p -> p.sku().nodeManagerVcores()).max().orElse(0);
    long clusterCores =
        pools.stream().mapToLong(p -> (long) p.maxNodes() * p.sku().nodeManagerVcores()).sum();
    List<String> problems = new ArrayList<>();
    long executorMemory = megabytes(batch.executorMemory()).orElse(1024L);
    int executorCores = batch.executorCores() == null ? 1 : batch.executorCores();
    if (executorMemory > nodeMemory) {
      problems.add(
          "batch.executorMemory: "
              + batch.executorMemory()
              + " is more than a node of "
              + cluster.name()
              + " offers ("
              + nodeMemory
              + " MB)");
    }
    if (megabytes(batch.driverMemory()).orElse(1024L) > nodeMemory) {
      problems.add("batch.driverMemory: more than a node of " + cluster.name() + " offers");
    }
    if (executorCores > nodeCores) {
      problems.add(
          "batch.executorCores: "
              + executorCores
              + " is more than a node of "
              + cluster.name()
              + " offers ("
              + nodeCores
              + ")");
    }
    long cores = (long) executorCores * (batch.numExecutors() == null ? 2 : batch.numExecutors());
    if (cores > clusterCores) {
      problems.add(
          "batch.numExecutors: "
              + cores
              + " executor cores is more than "
              + cluster.name()
              + " can ever have ("
              + clusterCores
              + ")");
    }
    if (!problems.isEmpty()) {
      throw new ApiException(
          HttpStatus.BAD_REQUEST,
          new ApiError(
              ApiErrorCode.TOO_LARGE_FOR_CLUSTER,
              "the job can never fit on " + cluster.name(),
              problems));
    }
  }

  static Optional<Long> megabytes(String memory) {
    if (memory == null) {
      return Optional.empty();
    }
    Matcher matcher = MEMORY.matcher(memory.trim().toLowerCase(Locale.ROOT));
    if (!matcher.matches()) {
      return Optional.empty();
    }
    long value = Long.parseLong(matcher.group(1));
    return Optional.of(
        switch (matcher.group(2)) {
          case "k" -> Math.max(1, value / 1024);
          case "g" -> value * 1024;
          case "t" -> value * 1024 * 1024;
          default -> value;
        });
  }

  private static void memory(List<String> problems, String field, String value) {
    if (value != null && !MEMORY.matcher(value.trim().toLowerCase(Locale.ROOT)).matches()) {
      problems.add(field + ": a size like 512m or 4g, got '" + value + "'");
    }
  }

  private static void range(List<String> problems, String field, Integer value, int min, int max) {
    if (value != null && (value < min || value > max)) {
      problems.add(field + ": " + min + ".." + max + ", got " + value);
    }
  }

  private static void text(List<String> problems, String field, String value, int max) {
    if (value != null && value.length() > max) {
      problems.add(field + ": at most " + max + " characters");
    }
  }

  private static void list(List<String> problems, String field, List<String> values) {
    if (values.size() > MAX_LIST) {
      problems.add(field + ": at most " + MAX_LIST + " entries");
    }
    for (String value : values) {
      if (value == null || value.length() > MAX_TEXT) {
        problems.add(field + ": entries must be non-null and at most " + MAX_TEXT + " characters");
        return;
      }
    }
  }

  private static ApiException invalid(List<String> problems) {
    return new ApiException(ApiErrorCode.INVALID_JOB, "the job request is not valid", problems);
  }
}
