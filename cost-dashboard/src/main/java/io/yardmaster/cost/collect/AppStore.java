package io.yardmaster.cost.collect;

import static java.util.Objects.requireNonNull;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.yardmaster.core.Texts;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The apps collection stored ({@code cost_app}), its per-cluster cursor ({@code
 * cost_collection_cursor}) and the gaps it detected ({@code cost_collection_gap}).
 */
@Singleton
public final class AppStore {
  private static final String COLUMNS =
      "cluster, app_id, state, final_status, started_at, launched_at, finished_at, observed_at,"
          + " vcore_seconds, memory_mb_seconds, preempted_vcore_seconds,"
          + " preempted_memory_mb_seconds, tags, queue, yarn_user, span_start, span_end";

  private final DataSource dataSource;

  public AppStore(DataSource dataSource) {
    // Each call takes its own connection from the pool, outside any transaction proxy.
    this.dataSource =
        DelegatingDataSource.unwrapDataSource(requireNonNull(dataSource, "dataSource is null"));
  }

  public Optional<StoredApp> find(String cluster, String appId) {
    List<StoredApp> found =
        select(
            "SELECT " + COLUMNS + " FROM cost_app WHERE cluster = ? AND app_id = ?",
            cluster,
            appId);
    return found.stream().findFirst();
  }

  /** The apps of the cluster not seen ended yet. */
  public List<StoredApp> live(String cluster) {
    return select(
        "SELECT " + COLUMNS + " FROM cost_app WHERE cluster = ? AND finished_at IS NULL", cluster);
  }

  /** The apps of the cluster whose span overlaps [from, to). */
  public List<StoredApp> overlapping(String cluster, long from, long to) {
    return select(
        "SELECT "
            + COLUMNS
            + " FROM cost_app WHERE cluster = ? AND span_start < ? AND span_end >= ?"
            + " ORDER BY app_id",
        cluster,
        to,
        from);
  }

  /** Inserts the app or replaces its row (by cluster and app id). */
  public void save(StoredApp app) {
    try (Connection connection = dataSource.getConnection()) {
      try (PreparedStatement update =
          connection.prepareStatement(
              "UPDATE cost_app SET state = ?, final_status = ?, started_at = ?, launched_at = ?,"
                  + " finished_at = ?, observed_at = ?, vcore_seconds = ?, memory_mb_seconds = ?,"
                  + " preempted_vcore_seconds = ?, preempted_memory_mb_seconds = ?, tags = ?,"
                  + " queue = ?, yarn_user = ?, span_start = ?, span_end = ?"
                  + " WHERE cluster = ? AND app_id = ?")) {
        int i = bindFigures(update, app, 1);
        update.setString(i++, app.cluster());
        update.setString(i, app.appId());
        if (update.executeUpdate() == 1) {
          return;
        }
      }
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO cost_app ("
                  + COLUMNS
                  + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        insert.setString(1, app.cluster());
        insert.setString(2, app.appId());
        bindFigures(insert, app, 3);
        insert.executeUpdate();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot store " + app.appId() + " of " + app.cluster(), e);
    }
  }

  private static int bindFigures(PreparedStatement statement, StoredApp app, int first)
      throws SQLException {
    int i = first;
    statement.setString(i++, app.state());
    statement.setString(i++, app.finalStatus());
    statement.setLong(i++, app.startedAt());
    statement.setLong(i++, app.launchedAt());
    if (app.finishedAt() == null) {
      statement.setNull(i++, Types.BIGINT);
    } else {
      statement.setLong(i++, app.finishedAt());
    }
    statement.setLong(i++, app.observedAt());
    statement.setLong(i++, app.vcoreSeconds());
    statement.setLong(i++, app.memoryMbSeconds());
    statement.setLong(i++, app.preemptedVcoreSeconds());
    statement.setLong(i++, app.preemptedMemoryMbSeconds());
    statement.setString(i++, app.tags());
    statement.setString(i++, app.queue());
    statement.setString(i++, app.user());
    statement.setLong(i++, app.spanStart());
    statement.setLong(i++, app.spanEnd());
    return i;
  }

  private List<StoredApp> select(String sql, Object... parameters) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        select.setObject(i + 1, parameters[i]);
      }
      List<StoredApp> apps = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          long finished = rows.getLong(7);
          Long finishedAt = rows.wasNull() ? null : finished;
          apps.add(
              new StoredApp(
                  rows.getString(1),
                  rows.getString(2),
                  rows.getString(3),
                  rows.getString(4),
                  rows.getLong(5),
                  rows.getLong(6),
                  finishedAt,
                  rows.getLong(8),
                  rows.getLong(9),
                  rows.getLong(10),
                  rows.getLong(11),
                  rows.getLong(12),
                  rows.getString(13),
                  rows.getString(14),
                  rows.getString(15)));
        }
      }
      return apps;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the collected apps", e);
    }
  }

  /** Where collection of a cluster stands. */
  public record Cursor(
      String cluster,
      long finishedBegin,
      long clusterTimestamp,
      long maxSequence,
      long checkedSequence,
      long passedAt) {}

  public Optional<Cursor> cursor(String cluster) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT finished_begin, cluster_timestamp, max_sequence, checked_sequence,"
                    + " passed_at FROM cost_collection_cursor WHERE cluster = ?")) {
      select.setString(1, cluster);
      try (ResultSet rows = select.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Cursor(
                cluster,
                rows.getLong(1),
                rows.getLong(2),
                rows.getLong(3),
                rows.getLong(4),
                rows.getLong(5)));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the cursor of " + cluster, e);
    }
  }

  public void save(Cursor cursor) {
    try (Connection connection = dataSource.getConnection()) {
      try (PreparedStatement update =
          connection.prepareStatement(
              "UPDATE cost_collection_cursor SET finished_begin = ?, cluster_timestamp = ?,"
                  + " max_sequence = ?, checked_sequence = ?, passed_at = ? WHERE cluster = ?")) {
        update.setLong(1, cursor.finishedBegin());
        update.setLong(2, cursor.clusterTimestamp());
        update.setLong(3, cursor.maxSequence());
        update.setLong(4, cursor.checkedSequence());
        update.setLong(5, cursor.passedAt());
        update.setString(6, cursor.cluster());
        if (update.executeUpdate() == 1) {
          return;
        }
      }
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO cost_collection_cursor (cluster, finished_begin, cluster_timestamp,"
                  + " max_sequence, checked_sequence, passed_at) VALUES (?, ?, ?, ?, ?, ?)")) {
        insert.setString(1, cursor.cluster());
        insert.setLong(2, cursor.finishedBegin());
        insert.setLong(3, cursor.clusterTimestamp());
        insert.setLong(4, cursor.maxSequence());
        insert.setLong(5, cursor.checkedSequence());
        insert.setLong(6, cursor.passedAt());
        insert.executeUpdate();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot store the cursor of " + cursor.cluster(), e);
    }
  }

  /** An app collection knows it missed. */
  public record Gap(String cluster, String appId, String kind, long detectedAt, String detail) {}

  /** Records a gap once (by cluster and app id); false if it was already recorded. */
  public boolean recordGap(Gap gap) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement exists =
            connection.prepareStatement(
                "SELECT 1 FROM cost_collection_gap WHERE cluster = ? AND app_id = ?")) {
      exists.setString(1, gap.cluster());
      exists.setString(2, gap.appId());
      try (ResultSet rows = exists.executeQuery()) {
        if (rows.next()) {
          return false;
        }
      }
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO cost_collection_gap (cluster, app_id, kind, detected_at, detail)"
                  + " VALUES (?, ?, ?, ?, ?)")) {
        insert.setString(1, gap.cluster());
        insert.setString(2, Texts.bounded(gap.appId(), StoredApp.MAX_APP_ID));
        insert.setString(3, gap.kind());
        insert.setLong(4, gap.detectedAt());
        insert.setString(5, Texts.bounded(gap.detail(), 500));
        insert.executeUpdate();
        return true;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot record the gap " + gap, e);
    }
  }

  /** The gaps detected since {@code since}, newest first, at most {@code limit}. */
  public List<Gap> gaps(long since, int limit) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT cluster, app_id, kind, detected_at, detail FROM cost_collection_gap"
                    + " WHERE detected_at >= ? ORDER BY detected_at DESC, cluster, app_id LIMIT ?")) {
      select.setLong(1, since);
      select.setInt(2, limit);
      List<Gap> gaps = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          gaps.add(
              new Gap(
                  rows.getString(1),
                  rows.getString(2),
                  rows.getString(3),
                  rows.getLong(4),
                  rows.getString(5)));
        }
      }
      return gaps;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the collection gaps", e);
    }
  }
}
