package io.yardmaster.load;

import static java.util.Objects.requireNonNull;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.serde.annotation.Serdeable;
import io.yardmaster.core.lease.Leases;
import io.yardmaster.core.lease.SharedReadings;
import io.yardmaster.core.peer.PeerException;
import io.yardmaster.core.peer.rm.ResourceManagerClient;
import io.yardmaster.core.registry.ClusterConfig;
import io.yardmaster.core.registry.ClusterRegistry;
import io.yardmaster.health.HealthConfig;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How loaded each cluster is, for routing: its ResourceManager's metrics, read through the typed
 * {@link ResourceManagerClient}, apart from the health probes.
 *
 * <p>One replica reads, the holder of the {@value #LEASE} lease, and stores each cluster's usage
 * (table {@value #TABLE}); the other replicas load it on the same schedule (the peers' probe
 * interval, {@code yardmaster.health.interval}), so the ResourceManagers see one reader whatever
 * the number of replicas. A cluster whose RM cannot be read has no usage until it can again
 * (routing then weighs it as it weighs a cluster never read).
 */
@Singleton
public final class ClusterLoad {
  /** The lease of the load reads. */
  public static final String LEASE = "peers.load";

  static final String TABLE = "cluster_load";

  private static final Logger LOG = LoggerFactory.getLogger(ClusterLoad.class);

  private final ClusterRegistry registry;
  private final ResourceManagerClient resourceManagers;
  private final Leases leases;
  private final SharedReadings<Reading> stored;
  private final Clock clock;
  private final Duration ttl;
  private final Map<String, ClusterUsage> usage = new ConcurrentHashMap<>();

  public ClusterLoad(
      ClusterRegistry registry,
      ResourceManagerClient resourceManagers,
      Leases leases,
      DataSource dataSource,
      JsonMapper json,
      Clock clock,
      HealthConfig config) {
    this.registry = requireNonNull(registry, "registry is null");
    this.resourceManagers = requireNonNull(resourceManagers, "resourceManagers is null");
    this.leases = requireNonNull(leases, "leases is null");
    this.stored = new SharedReadings<>(dataSource, json, TABLE, Reading.class);
    this.clock = requireNonNull(clock, "clock is null");
    this.ttl = Leases.ttlFor(config.interval());
  }

  @Scheduled(fixedDelay = HealthConfig.INTERVAL, initialDelay = HealthConfig.INITIAL_DELAY)
  void refresh() {
    if (leases.hold(LEASE, clock.instant(), ttl)) {
      readAll();
    } else {
      load();
    }
  }

  /**
   * Reads every cluster's RM now and stores what it read; one cluster failing skips only it. The
   * lease holder's pass; tests that drive time call it themselves.
   */
  public void readAll() {
    for (ClusterConfig cluster : registry.clusters()) {
      try {
        ClusterUsage read = ClusterUsage.of(resourceManagers.metrics(cluster), clock.instant());
        usage.put(cluster.name(), read);
        stored.save(cluster.name(), new Reading(read), read.readAt());
      } catch (PeerException e) {
        LOG.debug("no load for {}: {}", cluster.name(), e.getMessage());
        unread(cluster);
      } catch (RuntimeException e) {
        LOG.warn("reading the load of {} failed; reading the others", cluster.name(), e);
        unread(cluster);
      }
    }
  }

  private void unread(ClusterConfig cluster) {
    usage.remove(cluster.name());
    stored.save(cluster.name(), new Reading(null), clock.instant());
  }

  /** Takes the readings the lease holder stored; a cluster without a row keeps what it had. */
  void load() {
    stored
        .all()
        .forEach(
            (cluster, reading) -> {
              if (reading.usage() == null) {
                usage.remove(cluster);
              } else {
                usage.put(cluster, reading.usage());
              }
            });
  }

  /** One cluster's stored reading: its usage, or none when its RM could not be read. */
  @Serdeable
  record Reading(@Nullable ClusterUsage usage) {}

  /** The cluster's usage at its last good ResourceManager reading, if the last read had one. */
  public Optional<ClusterUsage> usage(String cluster) {
    return Optional.ofNullable(usage.get(cluster));
  }
}
