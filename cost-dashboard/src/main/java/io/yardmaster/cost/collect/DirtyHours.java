package io.yardmaster.cost.collect;

import static java.util.Objects.requireNonNull;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.yardmaster.cost.attribution.AttributionInputs.DirtyHour;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The versioned dirty-hour marks of table {@code cost_dirty_hour}: every change to an input of a
 * cluster-hour raises its version; attribution records the version it computed, so an hour changed
 * during its attribution stays dirty.
 */
@Singleton
public final class DirtyHours {
  static final long HOUR_MILLIS = 3_600_000L;

  /** At most this many hours are marked for one change (a span longer than this is cut). */
  static final int MAX_HOURS_PER_MARK = 24 * 62;

  private final DataSource dataSource;

  public DirtyHours(DataSource dataSource) {
    // Each call takes its own connection from the pool, outside any transaction proxy.
    this.dataSource =
        DelegatingDataSource.unwrapDataSource(requireNonNull(dataSource, "dataSource is null"));
  }

  /** The UTC hour that holds {@code epochMillis}. */
  public static long hourOf(long epochMillis) {
    return Math.floorDiv(epochMillis, HOUR_MILLIS) * HOUR_MILLIS;
  }

  /** Marks every hour that [from, to] touches dirty (to before from: the hour of from). */
  public void mark(String cluster, long fromMillis, long toMillis) {
    long first = hourOf(fromMillis);
    long last = Math.max(first, hourOf(toMillis));
    if ((last - first) / HOUR_MILLIS >= MAX_HOURS_PER_MARK) {
      first = last - (MAX_HOURS_PER_MARK - 1) * HOUR_MILLIS;
    }
    try (Connection connection = dataSource.getConnection()) {
      try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE cost_dirty_hour SET version = version + 1"
                      + " WHERE cluster = ? AND hour_start = ?");
          PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO cost_dirty_hour (cluster, hour_start, version, attributed_version)"
                      + " VALUES (?, ?, 1, 0)")) {
        for (long hour = first; hour <= last; hour += HOUR_MILLIS) {
          update.setString(1, cluster);
          update.setLong(2, hour);
          if (update.executeUpdate() == 0) {
            insert.setString(1, cluster);
            insert.setLong(2, hour);
            try {
              insert.executeUpdate();
            } catch (SQLException raced) {
              // Another writer inserted it meanwhile: raise its version instead.
              update.executeUpdate();
            }
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot mark hours of " + cluster + " dirty", e);
    }
  }

  /** Dirty hours, oldest first. */
  public List<DirtyHour> dirty(int limit) {
    String sql =
        "SELECT cluster, hour_start, version FROM cost_dirty_hour"
            + " WHERE version > attributed_version ORDER BY hour_start, cluster LIMIT ?";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setInt(1, Math.max(0, limit));
      List<DirtyHour> hours = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          hours.add(
              new DirtyHour(
                  rows.getString(1), Instant.ofEpochMilli(rows.getLong(2)), rows.getLong(3)));
        }
      }
      return hours;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the dirty hours", e);
    }
  }

  /** Records that {@code hour} was attributed as of its version (never lowers it). */
  public void attributed(DirtyHour hour) {
    String sql =
        "UPDATE cost_dirty_hour SET attributed_version = ?"
            + " WHERE cluster = ? AND hour_start = ? AND attributed_version < ?";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update = connection.prepareStatement(sql)) {
      update.setLong(1, hour.version());
      update.setString(2, hour.cluster());
      update.setLong(3, hour.hourStart().toEpochMilli());
      update.setLong(4, hour.version());
      update.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot record " + hour + " as attributed", e);
    }
  }
}
