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
    List<Entry> found = select("SELECT id, team, job_id FROM livy_batch WHERE id = ?", id);
    return found.stream().findFirst();
  }

  private Optional<Entry> byJob(String jobId) {
    return select("SELECT id, team, job_id FROM livy_batch WHERE job_id = ?", jobId).stream()
        .findFirst();
  }

  /** A page of a team's batches (every team's when {@code team} is null), oldest first. */
  public List<Entry> page(@Nullable String team, int from, int size) {
    String where = team == null ? "" : " WHERE team = ?";
    String sql =
        "SELECT id, team, job_id FROM livy_batch"
            + where
            + " ORDER BY id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";
    return team == null ? select(sql, from, size) : select(sql, team, from, size);
  }

  public long count(@Nullable String team) {
    String sql =
        team == null
            ? "SELECT COUNT(*) FROM livy_batch"
            : "SELECT COUNT(*) FROM livy_batch WHERE team = ?";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      if (team != null) {
        select.setString(1, team);
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
        }
      }
      return entries;
    } catch (SQLException e) {
      throw new JobStoreException("cannot read Livy batch ids", e);
    }
  }
}
