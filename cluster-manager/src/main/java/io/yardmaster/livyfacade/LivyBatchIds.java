package io.yardmaster.livyfacade;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.yardmaster.jobs.store.JobStoreException;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The facade's integer batch ids and the jobs they stand for (table {@code livy_batch}). One id per
 * job: the unique job id decides a race between two requests that found the same job by its
 * Idempotency-Key.
 */
@Singleton
public final class LivyBatchIds {
  private static final String UNIQUE_VIOLATION = "23505";

  private final DataSource dataSource;

  public LivyBatchIds(DataSource dataSource) {
    this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
  }

  /** One batch id and the job it stands for. */
  public record Entry(int id, String team, String jobId) {}

  /** The id of {@code jobId}, given to it now unless it had one. */
  public Entry idOf(String team, String jobId, Instant now) {
    Optional<Entry> known = byJob(jobId);
    if (known.isPresent()) {
      return known.get();
    }
    String sql = "INSERT INTO livy_batch (team, job_id, created_at) VALUES (?, ?, ?)";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert = connection.prepareStatement(sql)) {
      insert.setString(1, team);
      insert.setString(2, jobId);
      insert.setObject(3, now.atOffset(ZoneOffset.UTC));
      insert.executeUpdate();
    } catch (SQLException e) {
      if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw new JobStoreException("cannot give job " + jobId + " a Livy batch id", e);
      }
    }
    return byJob(jobId)
        .orElseThrow(() -> new IllegalStateException("job " + jobId + " has no batch id"));
  }

  public Optional<Entry> byId(int id) {
    return select("SELECT id, team, job_id FROM livy_batch WHERE id = ?", id).stream().findFirst();
  }

  private Optional<Entry> byJob(String jobId) {
    return select("SELECT id, team, job_id FROM livy_batch WHERE job_id = ?", jobId).stream()
        .findFirst();
  }

  /** A page of batch ids and how many batches there are in all. */
  public record Page(List<Entry> entries, long total) {}

  /**
   * A page of a team's batches (every team's when {@code team} is null), oldest first, on {@code
   * cluster} when one is given: the batches whose job runs there, or, not routed yet, names it in
   * its target. One query, with the total; a second one only to count for a page past the end.
   */
  public Page page(@Nullable String team, @Nullable String cluster, int from, int size) {
    List<Object> values = new ArrayList<>();
    StringBuilder sql = new StringBuilder(" FROM livy_batch b");
    if (cluster != null) {
      sql.append(" JOIN job j ON j.id = b.job_id");
    }
    sql.append(" WHERE 1 = 1");
    if (team != null) {
      sql.append(" AND b.team = ?");
      values.add(team);
    }
    if (cluster != null) {
      // The request is stored as JSON text: a structural "target":{"cluster":"<name>" cannot occur
      // inside a string value (its quotes would be escaped), and names are [a-z0-9-] only.
      sql.append(" AND (j.cluster = ? OR (j.cluster IS NULL AND j.request LIKE ?))");
      values.add(cluster);
      values.add("%" + targetOf(cluster) + "%");
    }
    String where = sql.toString();
    List<Object> paged = new ArrayList<>(values);
    paged.add(from);
    paged.add(size);
    List<Long> totals = new ArrayList<>();
    List<Entry> entries =
        selectCounted(
            "SELECT b.id, b.team, b.job_id, COUNT(*) OVER () AS total"
                + where
                + " ORDER BY b.id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
            totals,
            paged.toArray());
    long total = totals.isEmpty() ? count(where, values) : totals.get(0);
    return new Page(entries, total);
  }

  /** How a job's stored request names {@code cluster} as its target. */
  static String targetOf(String cluster) {
    return "\"target\":{\"cluster\":\"" + cluster + "\"";
  }

  private long count(String where, List<Object> values) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement("SELECT COUNT(*)" + where)) {
      for (int i = 0; i < values.size(); i++) {
        select.setObject(i + 1, values.get(i));
      }
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    } catch (SQLException e) {
      throw new JobStoreException("cannot count Livy batches", e);
    }
  }

  private List<Entry> select(String sql, Object... parameters) {
    return selectCounted(sql, null, parameters);
  }

  /** The entries a query finds; its {@code total} column, when it has one, into {@code totals}. */
  private List<Entry> selectCounted(String sql, @Nullable List<Long> totals, Object... parameters) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        select.setObject(i + 1, parameters[i]);
      }
      List<Entry> entries = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          entries.add(
              new Entry(rows.getInt("id"), rows.getString("team"), rows.getString("job_id")));
          if (totals != null && totals.isEmpty()) {
            totals.add(rows.getLong("total"));
          }
        }
      }
      return entries;
    } catch (SQLException e) {
      throw new JobStoreException("cannot read Livy batch ids", e);
    }
  }
}
