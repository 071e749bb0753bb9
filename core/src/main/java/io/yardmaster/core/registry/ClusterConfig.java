package io.yardmaster.core.registry;

import static io.yardmaster.core.registry.ConfigurationErrors.atLeast;
import static io.yardmaster.core.registry.ConfigurationErrors.checkName;
import static io.yardmaster.core.registry.ConfigurationErrors.httpUrl;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;
import java.net.URI;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One Spark cluster: its Livy server, its YARN ResourceManager, where its metrics live in Graphite,
 * the tags and YARN queues routing matches on, its limits and its Spark conf policy ({@code
 * spark-defaults} a job may override, {@code spark-enforced} it may not; entries are {@code
 * key=value}, because configuration keys would mangle Spark's dotted camel-case names). Bound from
 * {@code yardmaster.clusters.<name>.*}.
 */
@EachProperty(ClusterConfig.PREFIX)
public record ClusterConfig(
    @Parameter String name,
    @Nullable URI livyUrl,
    @Nullable URI resourceManagerUrl,
    @Nullable String graphitePrefix,
    @Nullable String graphiteQueue,
    @Nullable String sparkVersion,
    @Nullable List<String> tags,
    @Nullable Integer maxStartingBatches,
    @Nullable Integer maxRunningJobs,
    @Nullable List<String> sparkDefaults,
    @Nullable List<String> sparkEnforced,
    @Nullable List<String> queues) {

  public static final String PREFIX = "yardmaster.clusters";

  /** Livy rejects more than {@code livy.server.session.max-creation} (100) batches starting. */
  public static final int LIVY_MAX_CREATION = 100;

  public ClusterConfig {
    checkName(PREFIX, name);
    String key = PREFIX + "." + name + ".";
    livyUrl = httpUrl(key + "livy-url", livyUrl);
    resourceManagerUrl = httpUrl(key + "resource-manager-url", resourceManagerUrl);
    graphitePrefix = graphitePrefix == null || graphitePrefix.isBlank() ? name : graphitePrefix;
    graphiteQueue = graphiteQueue == null || graphiteQueue.isBlank() ? "root" : graphiteQueue;
    sparkVersion = sparkVersion == null || sparkVersion.isBlank() ? "3.5" : sparkVersion;
    tags = tags == null ? List.of() : List.copyOf(tags);
    maxStartingBatches = atLeast(key + "max-starting-batches", maxStartingBatches, 20, 1);
    if (maxStartingBatches > LIVY_MAX_CREATION) {
      throw new InvalidConfigurationException(
          key
              + "max-starting-batches must be <= "
              + LIVY_MAX_CREATION
              + " (Livy's session.max-creation), got "
              + maxStartingBatches);
    }
    maxRunningJobs = atLeast(key + "max-running-jobs", maxRunningJobs, 1000, 1);
    sparkDefaults = sparkConf(key + "spark-defaults", sparkDefaults);
    sparkEnforced = sparkConf(key + "spark-enforced", sparkEnforced);
    queues = queues == null ? List.of() : List.copyOf(queues);
  }

  /** Whether jobs for this YARN queue may run here: any queue when none are listed. */
  public boolean hasQueue(String queue) {
    return queue == null || queues.isEmpty() || queues.contains(queue);
  }

  /** Spark conf a job gets on this cluster unless it sets the key itself. */
  public Map<String, String> defaultConf() {
    return toMap(sparkDefaults);
  }

  /** Spark conf every job on this cluster gets, whatever it asked for. */
  public Map<String, String> enforcedConf() {
    return toMap(sparkEnforced);
  }

  private static List<String> sparkConf(String key, List<String> entries) {
    if (entries == null) {
      return List.of();
    }
    for (String entry : entries) {
      int equals = entry == null ? -1 : entry.indexOf('=');
      if (equals < 1 || entry.substring(0, equals).isBlank()) {
        throw new InvalidConfigurationException(
            key + " entries must be 'spark.key=value', got '" + entry + "'");
      }
    }
    return List.copyOf(entries);
  }

  private static Map<String, String> toMap(List<String> entries) {
    Map<String, String> conf = new TreeMap<>();
    for (String entry : entries) {
      int equals = entry.indexOf('=');
      conf.put(entry.substring(0, equals).strip(), entry.substring(equals + 1).strip());
    }
    return Collections.unmodifiableMap(conf);
  }
}
