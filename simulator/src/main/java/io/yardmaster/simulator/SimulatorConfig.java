package io.yardmaster.simulator;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.yardmaster.core.registry.InvalidConfigurationException;
import java.time.Duration;

/**
 * Settings of the simulated fleet, bound from {@code yardmaster.simulator.*}.
 *
 * @param enabled whether the simulated fleet and its emulators run (default false; only on the
 *     embedded default, the "local" environment)
 * @param speedUp simulated seconds per wall second (default 1)
 * @param bootTimeMedian median VM boot time (default 4 minutes)
 * @param bootTimeSigma sigma of the boot time's lognormal (default 0.25)
 * @param seed random seed (default 1)
 * @param initialNodes VMs per pool at start; default the pool's min-nodes, at least 2 for the first
 *     pool of each cluster
 * @param metricsPeriod how often the metrics the Graphite emulator serves are sampled (10 s)
 * @param maxCompletedApplications finished apps each simulated RM keeps (1000)
 * @param sparkSubmitTime simulated time a Livy batch's spark-submit runs before its app is in YARN
 *     (5 s); Livy counts these against {@code livy.server.session.max-creation}
 */
@ConfigurationProperties(SimulatorConfig.PREFIX)
public record SimulatorConfig(
    @Nullable Boolean enabled,
    @Nullable Double speedUp,
    @Nullable Duration bootTimeMedian,
    @Nullable Double bootTimeSigma,
    @Nullable Long seed,
    @Nullable Integer initialNodes,
    @Nullable Duration metricsPeriod,
    @Nullable Integer maxCompletedApplications,
    @Nullable Duration sparkSubmitTime) {

  public static final String PREFIX = "yardmaster.simulator";

  /** The property that switches every simulator bean on or off. */
  public static final String ENABLED = PREFIX + ".enabled";

  public SimulatorConfig {
    enabled = enabled != null && enabled;
    speedUp = speedUp == null ? 1.0 : speedUp;
    if (!(speedUp > 0) || speedUp.isInfinite()) {
      throw new InvalidConfigurationException(
          PREFIX + ".speed-up must be positive, got " + speedUp);
    }
    bootTimeMedian = bootTimeMedian == null ? Duration.ofMinutes(4) : bootTimeMedian;
    if (bootTimeMedian.isNegative() || bootTimeMedian.isZero()) {
      throw new InvalidConfigurationException(
          PREFIX + ".boot-time-median must be positive, got " + bootTimeMedian);
    }
    bootTimeSigma = bootTimeSigma == null ? 0.25 : bootTimeSigma;
    if (!(bootTimeSigma >= 0) || bootTimeSigma > 3) {
      throw new InvalidConfigurationException(
          PREFIX + ".boot-time-sigma must be in [0, 3], got " + bootTimeSigma);
    }
    seed = seed == null ? 1L : seed;
    if (initialNodes != null && initialNodes < 0) {
      throw new InvalidConfigurationException(
          PREFIX + ".initial-nodes must not be negative, got " + initialNodes);
    }
    metricsPeriod = metricsPeriod == null ? Duration.ofSeconds(10) : metricsPeriod;
    if (metricsPeriod.toMillis() < 1000) {
      throw new InvalidConfigurationException(
          PREFIX + ".metrics-period must be at least 1s, got " + metricsPeriod);
    }
    maxCompletedApplications = maxCompletedApplications == null ? 1000 : maxCompletedApplications;
    if (maxCompletedApplications < 1) {
      throw new InvalidConfigurationException(
          PREFIX + ".max-completed-applications must be >= 1, got " + maxCompletedApplications);
    }
    sparkSubmitTime = sparkSubmitTime == null ? Duration.ofSeconds(5) : sparkSubmitTime;
    if (sparkSubmitTime.isNegative()) {
      throw new InvalidConfigurationException(
          PREFIX + ".spark-submit-time must not be negative, got " + sparkSubmitTime);
    }
  }
}
