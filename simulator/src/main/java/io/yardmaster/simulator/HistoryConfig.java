package io.yardmaster.simulator;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.yardmaster.core.registry.InvalidConfigurationException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A past the simulated fleet starts with, from {@code yardmaster.simulator.history.*}: the apps of
 * a workload trace replayed as ended apps over the last {@code window}, on the fleet's starting
 * VMs, backdated to the window's start (so the RM lists them as finished apps with their tags, and
 * the scale sets' VMs carry their creation times). On in the embedded default, off elsewhere.
 *
 * @param trace the trace (CSV, see {@code ../shared/traces/README.md})
 * @param load the share of each cluster's starting capacity the replayed apps may use, per hour
 * @param maxApps at most this many apps per cluster (keep it under the RM's
 *     max-completed-applications, or the RM rotates the oldest out)
 */
@ConfigurationProperties(HistoryConfig.PREFIX)
public record HistoryConfig(
    @Nullable Boolean enabled,
    @Nullable Path trace,
    @Nullable Duration window,
    @Nullable Double load,
    @Nullable Integer maxApps) {
  public static final String PREFIX = "yardmaster.simulator.history";
  public static final String ENABLED = PREFIX + ".enabled";

  public HistoryConfig {
    enabled = enabled != null && enabled;
    trace = trace == null ? Path.of("../shared/traces/fb2009-day.csv") : trace;
    window = window == null ? Duration.ofHours(24) : window;
    if (window.isNegative() || window.isZero() || window.compareTo(Duration.ofDays(31)) > 0) {
      throw new InvalidConfigurationException(
          PREFIX + ".window must be in (0, 31d], got " + window);
    }
    load = load == null ? 0.5 : load;
    if (load <= 0 || load > 1) {
      throw new InvalidConfigurationException(PREFIX + ".load must be in (0, 1], got " + load);
    }
    maxApps = maxApps == null ? 900 : maxApps;
    if (maxApps < 1) {
      throw new InvalidConfigurationException(PREFIX + ".max-apps must be >= 1, got " + maxApps);
    }
  }
}
