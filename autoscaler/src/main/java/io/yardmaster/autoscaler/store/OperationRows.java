package io.yardmaster.autoscaler.store;

import static java.util.Objects.requireNonNull;

import io.micronaut.core.annotation.Nullable;
import io.yardmaster.autoscaler.store.PoolOperation.State;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The {@code autoscaler_operations} table: one row per pool, its latest operation. Starting an
 * operation is a compare-and-set, so that two ticks (two replicas, a restart) never both have one
 * in flight for a pool; following one only updates the row of that operation's id.
 */
final class OperationRows {
  private static final String COLUMNS =
      "id = ?, kind = ?, state = ?, target = ?, instance_ids = ?, sent_etag = ?, reference = ?,"
          + " started_at = ?, started_by = ?, updated_at = ?, ended_at = ?, detail = ?";
  private static final String OVER =
      "state NOT IN ('" + State.STARTING + "', '" + State.IN_PROGRESS + "')";

  private final Jdbc jdbc;

  OperationRows(Jdbc jdbc) {
    this.jdbc = requireNonNull(jdbc, "jdbc is null");
  }

  Optional<PoolOperation> find(String pool) {
    return jdbc
        .query(
            "SELECT * FROM autoscaler_operations WHERE pool = ?",
            statement -> statement.setString(1, pool),
            OperationRows::operation)
        .stream()
        .findFirst();
  }

  /**
   * Stores {@code operation} as the pool's latest, unless another one is in flight (other than
   * {@code replacing}, the id of one it supersedes).
   */
  boolean begin(PoolOperation operation, @Nullable String replacing) {
    boolean[] begun = {false};
    jdbc.autoCommitted(
        connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO autoscaler_operations (pool, id, kind, state, target, instance_ids,"
                      + " sent_etag, reference, started_at, started_by, updated_at, ended_at,"
                      + " detail) SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS"
                      + " (SELECT 1 FROM autoscaler_operations WHERE pool = ?)")) {
            insert.setString(1, operation.pool());
            bind(insert, 2, operation);
            insert.setString(14, operation.pool());
            if (insert.executeUpdate() == 1) {
              begun[0] = true;
              return;
            }
          } catch (SQLException e) {
            if (!Jdbc.UNIQUE_VIOLATION.equals(e.getSQLState())) {
              throw e;
            }
            // Another replica inserted the pool's first row meanwhile: compare-and-set below.
          }
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE autoscaler_operations SET "
                      + COLUMNS
                      + " WHERE pool = ? AND ("
                      + OVER
                      + " OR id = ?)")) {
            bind(update, 1, operation);
            update.setString(13, operation.pool());
            update.setString(14, replacing == null ? "" : replacing);
            begun[0] = update.executeUpdate() == 1;
          }
        });
    return begun[0];
  }

  /** Writes what following found; false when the pool's row is another operation's by now. */
  boolean save(PoolOperation operation) {
    return jdbc.update(
            "UPDATE autoscaler_operations SET " + COLUMNS + " WHERE pool = ? AND id = ?",
            statement -> {
              bind(statement, 1, operation);
              statement.setString(13, operation.pool());
              statement.setString(14, operation.id());
            })
        == 1;
  }

  /** Binds the 12 columns of {@link #COLUMNS} from {@code first}. */
  private static void bind(PreparedStatement statement, int first, PoolOperation operation)
      throws SQLException {
    int i = first;
    statement.setString(i++, operation.id());
    statement.setString(i++, operation.kind().name());
    statement.setString(i++, operation.state().name());
    statement.setInt(i++, operation.target());
    statement.setString(
        i++, AutoscalerStore.boundedList(operation.instanceIds(), AutoscalerStore.MAX_REMOVED_VMS));
    statement.setString(i++, operation.sentEtag());
    statement.setString(i++, operation.reference());
    statement.setLong(i++, operation.startedAt().toEpochMilli());
    statement.setString(i++, operation.startedBy());
    statement.setLong(i++, operation.updatedAt().toEpochMilli());
    if (operation.endedAt() == null) {
      statement.setNull(i++, Types.BIGINT);
    } else {
      statement.setLong(i++, operation.endedAt().toEpochMilli());
    }
    statement.setString(i, operation.detail());
  }

  private static PoolOperation operation(ResultSet row) throws SQLException {
    String ids = row.getString("instance_ids");
    long ended = row.getLong("ended_at");
    Instant endedAt = row.wasNull() ? null : Instant.ofEpochMilli(ended);
    return new PoolOperation(
        row.getString("pool"),
        row.getString("id"),
        PoolOperation.Kind.valueOf(row.getString("kind")),
        State.valueOf(row.getString("state")),
        row.getInt("target"),
        ids.isEmpty() ? List.of() : Arrays.asList(ids.split(",")),
        row.getString("sent_etag"),
        row.getString("reference"),
        Instant.ofEpochMilli(row.getLong("started_at")),
        row.getString("started_by"),
        Instant.ofEpochMilli(row.getLong("updated_at")),
        endedAt,
        row.getString("detail"));
  }
}
