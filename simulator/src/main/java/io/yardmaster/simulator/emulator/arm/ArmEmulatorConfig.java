package io.yardmaster.simulator.emulator.arm;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.yardmaster.core.registry.InvalidConfigurationException;
import java.time.Duration;

/**
 * The ARM emulator's settings, {@code yardmaster.simulator.arm.*}.
 *
 * @param location the Azure region reported for every scale set
 * @param writeBurst writes a scale set may take at once (Azure: about 12)
 * @param writesPerMinute the rate at which its write budget refills (Azure: about 4 a minute)
 * @param operationDuration the least simulated time a long-running operation takes; a capacity
 *     change also waits until every VM of the scale set has booted, as Azure's does
 */
@ConfigurationProperties(ArmEmulatorConfig.PREFIX)
public record ArmEmulatorConfig(
    @Nullable String location,
    @Nullable Integer writeBurst,
    @Nullable Integer writesPerMinute,
    @Nullable Duration operationDuration) {
  public static final String PREFIX = "yardmaster.simulator.arm";

  public ArmEmulatorConfig {
    location = location == null ? "westeurope" : location;
    writeBurst = writeBurst == null ? 12 : writeBurst;
    writesPerMinute = writesPerMinute == null ? 4 : writesPerMinute;
    operationDuration = operationDuration == null ? Duration.ofSeconds(2) : operationDuration;
    if (writeBurst < 1 || writesPerMinute < 1) {
      throw new InvalidConfigurationException(
          PREFIX + ".write-burst and .writes-per-minute must be positive");
    }
    if (operationDuration.isNegative()) {
      throw new InvalidConfigurationException(PREFIX + ".operation-duration must not be negative");
    }
  }
}
