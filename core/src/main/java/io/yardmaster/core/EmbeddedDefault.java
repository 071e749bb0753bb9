package io.yardmaster.core;

import io.micronaut.context.env.Environment;
import io.yardmaster.core.registry.InvalidConfigurationException;

/**
 * The embedded default is an explicit Micronaut environment, {@value #ENVIRONMENT}, that {@code
 * infra/local-stack/run.sh} selects: only there (and in tests) may the simulator and the production
 * adapters' simulator modes run. Anywhere else a setting that would use one stops the start-up with
 * a message naming it, so a production deployment never talks to an emulator, opens its
 * unauthenticated controls, or sends placeholder credentials.
 */
public final class EmbeddedDefault {
  public static final String ENVIRONMENT = "local";

  private EmbeddedDefault() {}

  public static boolean active(Environment environment) {
    return environment.getActiveNames().contains(ENVIRONMENT)
        || environment.getActiveNames().contains(Environment.TEST);
  }

  /** Fails the start-up unless the embedded default is active. */
  public static void require(Environment environment, String setting) {
    if (!active(environment)) {
      throw new InvalidConfigurationException(
          setting
              + " is for the embedded default only: start with -Dmicronaut.environments="
              + ENVIRONMENT
              + " (infra/local-stack/run.sh does), or configure the real peer instead");
    }
  }
}
