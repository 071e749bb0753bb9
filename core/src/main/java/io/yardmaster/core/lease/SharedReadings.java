package io.yardmaster.core.lease;

import static java.util.Objects.requireNonNull;

import io.micronaut.core.type.Argument;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * What the holder of a lease read from the peers, one JSON row per cluster in a table {@code
 * (cluster, reading, read_at)}, so that the other replicas use the same reading instead of asking
 * the peers themselves. A row that no longer reads is skipped (and said), never the end of the
 * others; a database that refuses is said, and the caller keeps what it had.
 *
 * @param <T> the reading
 */
public final class SharedReadings<T> {
  private static final Logger LOG = LoggerFactory.getLogger(SharedReadings.class);

  private final DataSource dataSource;
  private final JsonMapper json;
  private final String table;
  private final Argument<T> type;

  /**
   * @param table the table's name: a constant of the caller's, never input
   */
  public SharedReadings(DataSource dataSource, JsonMapper json, String table, Class<T> type) {
    this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    this.json = requireNonNull(json, "json is null");
    this.table = requireNonNull(table, "table is null");
    this.type = Argument.of(type);
  }

  /** Stores {@code reading} as {@code cluster}'s; false (and said) when the database refused. */
  public boolean save(String cluster, T reading, Instant at) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(true);
      String text = new String(json.writeValueAsBytes(reading), StandardCharsets.UTF_8);
      try (PreparedStatement update =
          connection.prepareStatement(
              "UPDATE " + table + " SET reading = ?, read_at = ? WHERE cluster = ?")) {
        update.setString(1, text);
        update.setTimestamp(2, Timestamp.from(at));
        update.setString(3, cluster);
        if (update.executeUpdate() == 1) {
          return true;
        }
      }
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO " + table + " (cluster, reading, read_at) VALUES (?, ?, ?)")) {
        insert.setString(1, cluster);
        insert.setString(2, text);
        insert.setTimestamp(3, Timestamp.from(at));
        return insert.executeUpdate() == 1;
      }
    } catch (SQLException | IOException e) {
      LOG.warn("the reading of {} was not stored in {}: {}", cluster, table, e.getMessage());
      return false;
    }
  }

  /** Every stored reading by cluster; empty when the database cannot be read. */
  public Map<String, T> all() {
    Map<String, T> readings = new HashMap<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement("SELECT cluster, reading FROM " + table);
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        String cluster = rows.getString(1);
        try {
          readings.put(cluster, json.readValue(rows.getString(2), type));
        } catch (IOException | RuntimeException e) {
          LOG.warn(
              "the stored reading of {} in {} does not read; skipped: {}",
              cluster,
              table,
              e.getMessage());
        }
      }
    } catch (SQLException e) {
      LOG.warn("stored readings in {} cannot be read: {}", table, e.getMessage());
    }
    return readings;
  }
}
