package io.yardmaster.autoscaler.store;

import static java.util.Objects.requireNonNull;

import io.yardmaster.autoscaler.policy.ScalingAction;
import io.yardmaster.autoscaler.store.DecisionRecord.Outcome;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A pool's stored ticks over a window: aggregated per step by the database (a day is 2,880 ticks of
 * a pool, so they are never all read), and the decisions of the window that did something. Both
 * queries read the window's rows through the {@code (pool, tick_at)} index.
 */
final class HistoryRows {
  /** A decision that did something: it grew or shrank (applied, skipped or failed), or failed. */
  private static final String ACTED =
      "(action <> '" + ScalingAction.HOLD + "' OR outcome = '" + Outcome.FAILED + "')";

  private final Jdbc jdbc;

  HistoryRows(Jdbc jdbc) {
    this.jdbc = requireNonNull(jdbc, "jdbc is null");
  }

  List<HistoryBucket> buckets(
      String pool, Instant start, Instant end, Duration step, int nodeVcores, int nodeMemoryMb) {
    long from = start.toEpochMilli();
    long stepMillis = step.toMillis();
    // The bucket number is computed in a derived table and grouped by name: PostgreSQL does not
    // match two placeholders of the same value, so the expression cannot be repeated.
    String sql =
        "SELECT bucket, COUNT(*) AS ticks, MAX(capacity) AS capacity, MAX(target) AS target,"
            + " MAX(nodes) AS nodes, MAX(busy_nodes) AS busy_nodes,"
            + " MAX(booting_vms) AS booting_vms, MAX(pending_vcores) AS pending_vcores,"
            + " MAX(pending_memory_mb) AS pending_memory_mb"
            + " FROM (SELECT (tick_at - ?) / ? AS bucket, capacity, target, nodes,"
            + " nodes - free_nodes AS busy_nodes, booting_vms, pending_vcores, pending_memory_mb"
            + " FROM autoscaler_decisions WHERE pool = ? AND tick_at >= ? AND tick_at < ?) ticks"
            + " GROUP BY bucket ORDER BY bucket";
    return jdbc.query(
        sql,
        statement -> {
          statement.setLong(1, from);
          statement.setLong(2, stepMillis);
          statement.setString(3, pool);
          statement.setLong(4, from);
          statement.setLong(5, end.toEpochMilli());
        },
        row -> bucket(row, start, step, nodeVcores, nodeMemoryMb));
  }

  /**
   * The window's decisions that did something, oldest first: the newest {@code limit} of them when
   * there are more.
   */
  List<DecisionRecord> acted(String pool, Instant start, Instant end, int limit) {
    return newestOldestFirst(ACTED, pool, start, end, limit);
  }

  /**
   * The window's applied steps that changed the pool's size, oldest first: grows, and the shrink
   * ticks that deleted VMs (a shrink's decommission and unexclude ticks delete none); the newest
   * {@code limit} when there are more.
   */
  List<DecisionRecord> resized(String pool, Instant start, Instant end, int limit) {
    return newestOldestFirst(
        "outcome = '"
            + Outcome.APPLIED
            + "' AND (action = '"
            + ScalingAction.GROW
            + "' OR (action = '"
            + ScalingAction.SHRINK
            + "' AND removed_vms <> ''))",
        pool,
        start,
        end,
        limit);
  }

  /**
   * The pool's decisions in [start, end) that match {@code condition}: the newest, oldest first.
   */
  private List<DecisionRecord> newestOldestFirst(
      String condition, String pool, Instant start, Instant end, int limit) {
    List<DecisionRecord> newestFirst =
        jdbc.query(
            "SELECT * FROM autoscaler_decisions WHERE pool = ? AND tick_at >= ? AND tick_at < ?"
                + " AND ("
                + condition
                + ") ORDER BY tick_at DESC, id DESC LIMIT ?",
            statement -> {
              statement.setString(1, pool);
              statement.setLong(2, start.toEpochMilli());
              statement.setLong(3, end.toEpochMilli());
              statement.setInt(4, limit);
            },
            AutoscalerStore::decision);
    List<DecisionRecord> oldestFirst = new ArrayList<>(newestFirst);
    Collections.reverse(oldestFirst);
    return oldestFirst;
  }

  private static HistoryBucket bucket(
      ResultSet row, Instant start, Duration step, int nodeVcores, int nodeMemoryMb)
      throws SQLException {
    long index = row.getLong("bucket");
    int capacity = row.getInt("capacity");
    Integer read = row.wasNull() ? null : capacity;
    long pendingVcores = row.getLong("pending_vcores");
    long pendingMemoryMb = row.getLong("pending_memory_mb");
    long pendingNodes =
        Math.max(ceilDiv(pendingVcores, nodeVcores), ceilDiv(pendingMemoryMb, (long) nodeMemoryMb));
    return new HistoryBucket(
        start.plus(step.multipliedBy(index)),
        row.getInt("ticks"),
        read,
        row.getInt("target"),
        row.getInt("nodes"),
        row.getInt("busy_nodes"),
        row.getInt("booting_vms"),
        pendingVcores,
        pendingMemoryMb,
        pendingNodes);
  }

  private static long ceilDiv(long amount, long per) {
    return amount <= 0 ? 0 : (amount + per - 1) / per;
  }
}
