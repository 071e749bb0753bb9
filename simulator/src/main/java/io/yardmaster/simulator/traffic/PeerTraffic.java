package io.yardmaster.simulator.traffic;

import io.micronaut.context.annotation.Requires;
import io.yardmaster.simulator.SimulatorConfig;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many requests each emulated peer of each simulated cluster has served since start, by
 * operation ({@code GET /batches}, {@code GET /batches/{id}}, ...): what a benchmark reads to show
 * how much a client costs Livy or the ResourceManager. Counts never reset; readers take deltas.
 */
@Singleton
@Requires(property = SimulatorConfig.ENABLED, value = "true")
public final class PeerTraffic {
  private final Map<Key, LongAdder> counts = new ConcurrentHashMap<>();

  public void record(String cluster, String peer, String operation) {
    counts.computeIfAbsent(new Key(cluster, peer, operation), key -> new LongAdder()).increment();
  }

  /** Cluster, then peer, then operation: the number of requests so far, in name order. */
  public Map<String, Map<String, Map<String, Long>>> snapshot() {
    Map<String, Map<String, Map<String, Long>>> byCluster = new TreeMap<>();
    counts.forEach(
        (key, count) ->
            byCluster
                .computeIfAbsent(key.cluster(), cluster -> new TreeMap<>())
                .computeIfAbsent(key.peer(), peer -> new TreeMap<>())
                .put(key.operation(), count.sum()));
    return byCluster;
  }

  private record Key(String cluster, String peer, String operation) {}
}
