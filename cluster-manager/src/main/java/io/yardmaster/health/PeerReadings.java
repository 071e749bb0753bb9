package io.yardmaster.health;

import io.micronaut.core.type.Argument;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each cluster's last probe in the {@code peer_reading} table: written by the replica that holds
 * the probe's lease, read by the others. A row that no longer reads is skipped (and said), never
 * the end of the others.
 */
@Singleton
public final class PeerReadings {
  private static final Logger LOG = LoggerFactory.getLogger(PeerReadings.class);
  private static final Argument<ClusterReading> READING = Argument.of(ClusterReading.class);

  private final DataSource dataSource;
  private final JsonMapper json;

  public PeerReadings(DataSource dataSource, JsonMapper json) {
    this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    this.json = json;
  }

  /** Stores {@code reading} as {@code cluster}'s; false (and said) when the database refused. */
  public boolean save(String cluster, ClusterReading reading, Instant at) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(true);
      String text = new String(json.writeValueAsBytes(reading.bounded()), "UTF-8");
      try (PreparedStatement update =
          connection.prepareStatement(
              "UPDATE peer_reading SET reading = ?, read_at = ? WHERE cluster = ?")) {
        update.setString(1, text);
        update.setTimestamp(2, Timestamp.from(at));
        update.setString(3, cluster);
        if (update.executeUpdate() == 1) {
          return true;
        }
      }
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO peer_reading (cluster, reading, read_at) VALUES (?, ?, ?)")) {
        insert.setString(1, cluster);
        insert.setString(2, text);
        insert.setTimestamp(3, Timestamp.from(at));
        return insert.executeUpdate() == 1;
      }
    } catch (SQLException | IOException e) {
      LOG.warn("the probe of {} was not stored: {}", cluster, e.getMessage());
      return false;
    }
  }

  /** Every stored reading by cluster; empty when the database cannot be read. */
  public Map<String, ClusterReading> all() {
    Map<String, ClusterReading> readings = new HashMap<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement("SELECT cluster, reading FROM peer_reading");
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        String cluster = rows.getString(1);
        try {
          readings.put(cluster, json.readValue(rows.getString(2), READING));
        } catch (IOException | RuntimeException e) {
          LOG.warn("the stored probe of {} does not read; skipped: {}", cluster, e.getMessage());
        }
      }
    } catch (SQLException e) {
      LOG.warn("stored probes cannot be read: {}", e.getMessage());
    }
    return readings;
  }
}
