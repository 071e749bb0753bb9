package io.yardmaster.core.registry;

import static io.yardmaster.core.registry.ConfigurationErrors.atLeast;
import static io.yardmaster.core.registry.ConfigurationErrors.checkName;
import static io.yardmaster.core.registry.ConfigurationErrors.httpUrl;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;
import java.net.URI;
import java.util.List;

/**
 * One Spark cluster: its Livy server, its YARN ResourceManager, where its metrics live in Graphite,
 * the tags routing matches on, and its limits. Bound from {@code yardmaster.clusters.<name>.*}.
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
    @Nullable Integer maxRunningJobs) {

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
  }
}
