package io.yardmaster.simulator;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Fault injection per emulated peer ({@code livy}, {@code rm}) and cluster. */
@Singleton
@Requires(property = SimulatorConfig.ENABLED, value = "true")
public final class PeerFaults {
  public static final String LIVY = "livy";
  public static final String RESOURCE_MANAGER = "rm";

  private final Map<String, FaultInjector> injectors = new ConcurrentHashMap<>();

  public FaultInjector of(String cluster, String peer) {
    return injectors.computeIfAbsent(
        cluster + "/" + peer.toLowerCase(Locale.ROOT), key -> new FaultInjector());
  }
}
