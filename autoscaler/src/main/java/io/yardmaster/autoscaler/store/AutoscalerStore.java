package io.yardmaster.autoscaler.store;

import static java.util.Objects.requireNonNull;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.jdbc.DataSourceResolver;
import io.yardmaster.autoscaler.policy.ScalingAction;
import io.yardmaster.core.Roles;
import io.yardmaster.core.Texts;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Decisions, pool state, shrinks in progress and cloud operations in flight, in the application's
 * database (tables of the {@code V10__autoscaler.sql} and {@code V11__autoscaler_operations.sql}
 * migrations). Every method is one short transaction.
 */
@Singleton
@Requires(property = Roles.AUTOSCALER, notEquals = "false")
@Requires(beans = DataSource.class)
public final class AutoscalerStore {
  // The columns' sizes (V10): a decision's texts are cut to them, so no text can fail its insert.
  static final int MAX_REMOVED_VMS = 4000;
  static final int MAX_REASON = 4000;
  static final int MAX_POLICY = 64;
  static final int MAX_SCHEDULER_ID = 200;

  private final DataSource dataSource;
  private final Jdbc jdbc;
  private final OperationRows operations;
  private final HistoryRows history;

  /**
   * @param resolver unwraps the transaction-aware proxy Micronaut Data puts around the pool (which
   *     refuses connections outside a transaction); absent when Micronaut Data is not on the
   *     classpath
   */
  public AutoscalerStore(DataSource dataSource, @Nullable DataSourceResolver resolver) {
    requireNonNull(dataSource, "dataSource is null");
    this.dataSource = resolver == null ? dataSource : resolver.resolve(dataSource);
    this.jdbc = new Jdbc(this.dataSource);
    this.operations = new OperationRows(jdbc);
    this.history = new HistoryRows(jdbc);
  }

  public void saveDecision(DecisionRecord decision) {
    String sql =
        "INSERT INTO autoscaler_decisions (pool, cluster, tick_at, policy, action, outcome,"
            + " capacity, target, booting_vms, nodes, free_nodes, pending_vcores,"
            + " pending_memory_mb, demand_age_ms, demand_stale, removed_vms, reason, scheduler_id,"
            + " started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    update(
        sql,
        statement -> {
          statement.setString(1, decision.pool());
          statement.setString(2, decision.cluster());
          statement.setLong(3, decision.tickAt().toEpochMilli());
          statement.setString(4, truncate(decision.policy(), MAX_POLICY));
          statement.setString(5, decision.action().name());
          statement.setString(6, decision.outcome().name());
          if (decision.capacity() == null) {
            statement.setNull(7, Types.INTEGER);
          } else {
            statement.setInt(7, decision.capacity());
          }
          statement.setInt(8, decision.target());
          statement.setInt(9, decision.bootingVms());
          statement.setInt(10, decision.nodes());
          statement.setInt(11, decision.freeNodes());
          statement.setLong(12, decision.pendingVcores());
          statement.setLong(13, decision.pendingMemoryMb());
          statement.setLong(14, decision.demandAgeMillis());
          statement.setBoolean(15, decision.demandStale());
          statement.setString(16, boundedList(decision.removedVms(), MAX_REMOVED_VMS));
          statement.setString(17, truncate(decision.reason(), MAX_REASON));
          statement.setString(18, truncate(decision.schedulerId(), MAX_SCHEDULER_ID));
          if (decision.startedAt() == null) {
            statement.setNull(19, Types.BIGINT);
          } else {
            statement.setLong(19, decision.startedAt().toEpochMilli());
          }
        });
  }

  /** The newest decisions first; {@code pool} null for all pools. */
  public List<DecisionRecord> decisions(String pool, int limit) {
    String sql =
        "SELECT * FROM autoscaler_decisions"
            + (pool == null ? "" : " WHERE pool = ?")
            + " ORDER BY tick_at DESC, id DESC LIMIT ?";
    return query(
        sql,
        statement -> {
          int index = 1;
          if (pool != null) {
            statement.setString(index++, pool);
          }
          statement.setInt(index, limit);
        },
        AutoscalerStore::decision);
  }

  /**
   * A pool's ticks in [start, end) aggregated per step (steps counted from {@code start}), oldest
   * first; steps without ticks are left out.
   *
   * @param nodeVcores what one NodeManager of the pool offers, to express pending demand in nodes
   */
  public List<HistoryBucket> history(
      String pool, Instant start, Instant end, Duration step, int nodeVcores, int nodeMemoryMb) {
    return history.buckets(pool, start, end, step, nodeVcores, nodeMemoryMb);
  }

  /**
   * The decisions in [start, end) that grew or shrank (whatever their outcome) or failed, oldest
   * first; the newest {@code limit} when there are more.
   */
  public List<DecisionRecord> actedDecisions(String pool, Instant start, Instant end, int limit) {
    return history.acted(pool, start, end, limit);
  }

  public PoolState poolState(String pool) {
    List<PoolState> found =
        query(
            "SELECT * FROM autoscaler_pool_state WHERE pool = ?",
            statement -> statement.setString(1, pool),
            AutoscalerStore::poolState);
    return found.isEmpty() ? PoolState.initial(pool) : found.get(0);
  }

  /** Pauses or resumes a pool; touches no other column (a tick's writes never undo it). */
  public void setPaused(String pool, boolean paused) {
    updatePoolState(pool, "paused = ?", statement -> statement.setBoolean(1, paused));
  }

  /** Sets or clears (null) the operator's bounds; touches no other column. */
  public void setBounds(String pool, @Nullable Integer minNodes, @Nullable Integer maxNodes) {
    updatePoolState(
        pool,
        "min_nodes = ?, max_nodes = ?",
        statement -> {
          setNullableInt(statement, 1, minNodes);
          setNullableInt(statement, 2, maxNodes);
        });
  }

  /** No capacity write before {@code until} (the cloud's 429); touches no other column. */
  public void setWritesBlockedUntil(String pool, Instant until) {
    updatePoolState(
        pool, "writes_blocked_until = ?", statement -> statement.setLong(1, until.toEpochMilli()));
  }

  /** The growth back-off; touches no other column. */
  public void setBackoff(String pool, Instant until, int level) {
    updatePoolState(
        pool,
        "backoff_until = ?, backoff_level = ?",
        statement -> {
          statement.setLong(1, until.toEpochMilli());
          statement.setInt(2, level);
        });
  }

  /**
   * Updates some columns of a pool's row in one statement, creating the row first if it is missing.
   * Each writer names only its own columns, so an operator's pause and a tick's back-off never
   * overwrite each other, whichever commits last.
   */
  private void updatePoolState(String pool, String assignments, Jdbc.Binder values) {
    int poolIndex = (int) assignments.chars().filter(c -> c == '?').count() + 1;
    try (Connection connection = dataSource.getConnection()) {
      ensurePoolStateRow(connection, pool);
      try (PreparedStatement update =
          connection.prepareStatement(
              "UPDATE autoscaler_pool_state SET " + assignments + " WHERE pool = ?")) {
        values.bind(update);
        update.setString(poolIndex, pool);
        update.executeUpdate();
      }
    } catch (SQLException e) {
      throw Jdbc.failure(e);
    }
  }

  /** Inserts the pool's row with initial values unless it exists (each statement commits). */
  private static void ensurePoolStateRow(Connection connection, String pool) throws SQLException {
    try (PreparedStatement exists =
        connection.prepareStatement("SELECT 1 FROM autoscaler_pool_state WHERE pool = ?")) {
      exists.setString(1, pool);
      try (ResultSet row = exists.executeQuery()) {
        if (row.next()) {
          return;
        }
      }
    }
    PoolState initial = PoolState.initial(pool);
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO autoscaler_pool_state (pool, paused, min_nodes, max_nodes,"
                + " writes_blocked_until, backoff_until, backoff_level)"
                + " VALUES (?, ?, NULL, NULL, ?, ?, ?)")) {
      insert.setString(1, pool);
      insert.setBoolean(2, initial.paused());
      insert.setLong(3, initial.writesBlockedUntil().toEpochMilli());
      insert.setLong(4, initial.backoffUntil().toEpochMilli());
      insert.setInt(5, initial.backoffLevel());
      insert.executeUpdate();
    } catch (SQLException e) {
      if (!Jdbc.UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw e;
      }
      // Another replica created it a moment ago: the update below applies to its row.
    }
  }

  /** The pool's operation in flight, or its last one; empty if it never had one. */
  public Optional<PoolOperation> operation(String pool) {
    return operations.find(pool);
  }

  /**
   * Stores a new operation as the pool's latest, before its write is sent.
   *
   * @param replacing the id of an operation in flight that this one supersedes, or null
   * @return false, storing nothing, when another operation of the pool is in flight
   */
  public boolean beginOperation(PoolOperation operation, @Nullable String replacing) {
    return operations.begin(operation, replacing);
  }

  /** Writes what following an operation found; false if the pool has another one by now. */
  public boolean saveOperation(PoolOperation operation) {
    return operations.save(operation);
  }

  public Optional<ShrinkIntent> shrink(String pool) {
    List<ShrinkIntent> found =
        query(
            "SELECT * FROM autoscaler_shrinks WHERE pool = ?",
            statement -> statement.setString(1, pool),
            AutoscalerStore::shrink);
    return found.stream().findFirst();
  }

  public void saveShrink(ShrinkIntent intent) {
    inTransaction(
        connection -> {
          try (PreparedStatement delete =
              connection.prepareStatement("DELETE FROM autoscaler_shrinks WHERE pool = ?")) {
            delete.setString(1, intent.pool());
            delete.executeUpdate();
          }
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO autoscaler_shrinks (pool, cluster, phase, targets, started_at,"
                      + " updated_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, intent.pool());
            insert.setString(2, intent.cluster());
            insert.setString(3, intent.phase().name());
            insert.setString(4, encode(intent.targets()));
            insert.setLong(5, intent.startedAt().toEpochMilli());
            insert.setLong(6, intent.updatedAt().toEpochMilli());
            insert.executeUpdate();
          }
        });
  }

  public void deleteShrink(String pool) {
    update(
        "DELETE FROM autoscaler_shrinks WHERE pool = ?", statement -> statement.setString(1, pool));
  }

  static DecisionRecord decision(ResultSet row) throws SQLException {
    int capacity = row.getInt("capacity");
    Integer read = row.wasNull() ? null : capacity;
    String removed = row.getString("removed_vms");
    long started = row.getLong("started_at");
    Instant startedAt = row.wasNull() ? null : Instant.ofEpochMilli(started);
    return new DecisionRecord(
        row.getLong("id"),
        row.getString("pool"),
        row.getString("cluster"),
        Instant.ofEpochMilli(row.getLong("tick_at")),
        row.getString("policy"),
        ScalingAction.valueOf(row.getString("action")),
        DecisionRecord.Outcome.valueOf(row.getString("outcome")),
        read,
        row.getInt("target"),
        row.getInt("booting_vms"),
        row.getInt("nodes"),
        row.getInt("free_nodes"),
        row.getLong("pending_vcores"),
        row.getLong("pending_memory_mb"),
        row.getLong("demand_age_ms"),
        row.getBoolean("demand_stale"),
        removed.isEmpty() ? List.of() : Arrays.asList(removed.split(",")),
        row.getString("reason"),
        row.getString("scheduler_id"),
        startedAt);
  }

  private static PoolState poolState(ResultSet row) throws SQLException {
    int min = row.getInt("min_nodes");
    Integer minNodes = row.wasNull() ? null : min;
    int max = row.getInt("max_nodes");
    Integer maxNodes = row.wasNull() ? null : max;
    return new PoolState(
        row.getString("pool"),
        row.getBoolean("paused"),
        minNodes,
        maxNodes,
        Instant.ofEpochMilli(row.getLong("writes_blocked_until")),
        Instant.ofEpochMilli(row.getLong("backoff_until")),
        row.getInt("backoff_level"));
  }

  private static ShrinkIntent shrink(ResultSet row) throws SQLException {
    return new ShrinkIntent(
        row.getString("pool"),
        row.getString("cluster"),
        ShrinkIntent.Phase.valueOf(row.getString("phase")),
        decode(row.getString("targets")),
        Instant.ofEpochMilli(row.getLong("started_at")),
        Instant.ofEpochMilli(row.getLong("updated_at")));
  }

  static String encode(List<ShrinkIntent.Target> targets) {
    List<String> parts = new ArrayList<>();
    for (ShrinkIntent.Target target : targets) {
      parts.add(target.hostName() + "|" + target.instanceId());
    }
    return String.join(";", parts);
  }

  static List<ShrinkIntent.Target> decode(String text) {
    List<ShrinkIntent.Target> targets = new ArrayList<>();
    if (text == null || text.isEmpty()) {
      return targets;
    }
    for (String part : text.split(";")) {
      String[] fields = part.split("\\|", 2);
      targets.add(new ShrinkIntent.Target(fields[0], fields[1]));
    }
    return targets;
  }

  private static void setNullableInt(PreparedStatement statement, int index, Integer value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.INTEGER);
    } else {
      statement.setInt(index, value);
    }
  }

  private static String truncate(String text, int max) {
    return Texts.bounded(text, max);
  }

  /** The ids joined by commas, as many as fit in {@code max} characters; the rest as "+N". */
  static String boundedList(List<String> ids, int max) {
    StringBuilder joined = new StringBuilder();
    for (int i = 0; i < ids.size(); i++) {
      String next = (i == 0 ? "" : ",") + ids.get(i);
      String rest = ",+" + (ids.size() - i);
      if (joined.length() + next.length() + (i + 1 < ids.size() ? rest.length() : 0) > max) {
        return joined + rest;
      }
      joined.append(next);
    }
    return joined.toString();
  }

  private void update(String sql, Jdbc.Binder binder) {
    jdbc.update(sql, binder);
  }

  private <T> List<T> query(String sql, Jdbc.Binder binder, Jdbc.RowMapper<T> mapper) {
    return jdbc.query(sql, binder, mapper);
  }

  private void inTransaction(Jdbc.Work work) {
    jdbc.inTransaction(work);
  }
}
