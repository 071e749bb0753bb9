package io.yardmaster.health;

import io.micronaut.scheduling.annotation.Scheduled;
import io.yardmaster.core.graphite.GraphiteConfig;
import io.yardmaster.core.lease.Leases;
import io.yardmaster.core.peer.Peer;
import io.yardmaster.core.peer.PeerClient;
import io.yardmaster.core.registry.ClusterConfig;
import io.yardmaster.core.registry.ClusterRegistry;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes Yardmaster's peers in the background — every cluster's Livy and ResourceManager, and
 * Graphite — so that reading health (the health endpoint, the cluster list) never waits on a slow
 * peer. Routing's load is not read here but by {@code io.yardmaster.load.ClusterLoad}, so that
 * health and routing each read what they need.
 *
 * <p>The clusters are probed by one replica at a time, the holder of the {@value #LEASE} lease,
 * which stores each reading ({@link PeerReadings}); the other replicas load those readings on the
 * same schedule, so the peers see one prober whatever the number of replicas (ADR 0013). Graphite
 * is each replica's own: it is not a cluster's peer, and each replica's autoscaler reads it.
 */
@Singleton
public final class PeerHealthMonitor {
  /** The lease of the clusters' probes. */
  public static final String LEASE = "peers.health";

  private static final Logger LOG = LoggerFactory.getLogger(PeerHealthMonitor.class);
  private final ClusterRegistry registry;
  private final GraphiteConfig graphite;
  private final HttpPeerProbe probe;
  private final Map<String, ClusterHealth> clusters = new ConcurrentHashMap<>();
  private final AtomicReference<PeerHealth> graphiteHealth =
      new AtomicReference<>(PeerHealth.UNKNOWN);

  private final Leases leases;
  private final PeerReadings readings;
  private final Clock clock;
  private final Duration ttl;

  public PeerHealthMonitor(
      ClusterRegistry registry,
      GraphiteConfig graphite,
      HttpPeerProbe probe,
      Leases leases,
      PeerReadings readings,
      Clock clock,
      HealthConfig config) {
    this.registry = registry;
    this.graphite = graphite;
    this.probe = probe;
    this.leases = leases;
    this.readings = readings;
    this.clock = clock;
    this.ttl = Leases.ttlFor(config.interval());
  }

  @Scheduled(fixedDelay = HealthConfig.INTERVAL, initialDelay = HealthConfig.INITIAL_DELAY)
  void refresh() {
    if (leases.hold(LEASE, clock.instant(), ttl)) {
      for (ClusterConfig cluster : registry.clusters()) {
        try {
          check(cluster);
        } catch (RuntimeException e) {
          LOG.warn("probing {} failed; probing the others", cluster.name(), e);
        }
      }
    } else {
      load();
    }
    if (graphite.configured()) {
      graphiteHealth.set(
          probe.probe(Peer.graphite(), PeerClient.join(graphite.url(), "metrics/find?query=*")));
    }
  }

  /** Takes the readings the lease holder stored; a cluster without one keeps what it had. */
  void load() {
    readings.all().forEach((cluster, reading) -> clusters.put(cluster, reading.health()));
  }

  /** Probes one cluster now, remembers the result and stores it for the other replicas. */
  public ClusterHealth check(ClusterConfig cluster) {
    ClusterHealth health =
        new ClusterHealth(
            probe.probe(
                Peer.livy(cluster.name()),
                PeerClient.join(cluster.livyUrl(), "batches?from=0&size=0")),
            probe.probe(
                Peer.resourceManager(cluster.name()),
                PeerClient.join(cluster.resourceManagerUrl(), "ws/v1/cluster/metrics")));
    clusters.put(cluster.name(), health);
    readings.save(cluster.name(), new ClusterReading(health), clock.instant());
    return health;
  }

  public ClusterHealth health(String cluster) {
    return clusters.getOrDefault(cluster, ClusterHealth.UNKNOWN);
  }

  /** Graphite's last probe, or empty when no Graphite is configured. */
  public Optional<PeerHealth> graphite() {
    return graphite.configured() ? Optional.of(graphiteHealth.get()) : Optional.empty();
  }
}
