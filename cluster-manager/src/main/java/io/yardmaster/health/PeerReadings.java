package io.yardmaster.health;

import io.micronaut.json.JsonMapper;
import io.yardmaster.core.lease.SharedReadings;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Each cluster's last probe in the {@code peer_reading} table: written by the replica that holds
 * the probe's lease, read by the others.
 */
@Singleton
public final class PeerReadings {
  private final SharedReadings<ClusterReading> table;

  public PeerReadings(DataSource dataSource, JsonMapper json) {
    this.table = new SharedReadings<>(dataSource, json, "peer_reading", ClusterReading.class);
  }

  /** Stores {@code reading} as {@code cluster}'s; false (and said) when the database refused. */
  public boolean save(String cluster, ClusterReading reading, Instant at) {
    return table.save(cluster, reading.bounded(), at);
  }

  /** Every stored reading by cluster; empty when the database cannot be read. */
  public Map<String, ClusterReading> all() {
    return table.all();
  }
}
