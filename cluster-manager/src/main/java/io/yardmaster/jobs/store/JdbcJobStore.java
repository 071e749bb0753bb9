package io.yardmaster.jobs.store;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.json.JsonMapper;
import io.yardmaster.jobs.Job;
import io.yardmaster.jobs.JobProgress;
import io.yardmaster.jobs.JobState;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Jobs in the database. Every change of progress is a compare-and-set on the version, so two
 * replicas (or a submitter and the tracker) never both move one job.
 */
@Singleton
public final class JdbcJobStore {
  private static final String UNIQUE_VIOLATION = "23505";
  private static final String SELECT = "SELECT " + JobRows.COLUMNS + " FROM job";

  private final DataSource dataSource;
  private final JobRows rows;
  private final List<Consumer<Job>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

  public JdbcJobStore(DataSource dataSource, JsonMapper json) {
    // Plain auto-committed statements, outside Micronaut Data's connection management: every
    // write is a single statement, and the (team, key) constraint decides races.
    this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    this.rows = new JobRows(json);
  }

  /** Called with every job this store inserts or changes (for long-polls in this replica). */
  public void onChange(Consumer<Job> listener) {
    listeners.add(listener);
  }

  /** Inserts a new job; false when (team, idempotency key) exists already. */
  public boolean insert(Job job) {
    String placeholders = "?,".repeat(JobRows.COLUMNS.split(",").length - 1) + "?";
    String sql = "INSERT INTO job (" + JobRows.COLUMNS + ") VALUES (" + placeholders + ")";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      rows.bindAll(statement, job);
      statement.executeUpdate();
    } catch (SQLException e) {
      if (UNIQUE_VIOLATION.equals(e.getSQLState()) && job.idempotencyKey() != null) {
        return false;
      }
      throw new JobStoreException("cannot insert job " + job.id(), e);
    }
    notify(job);
    return true;
  }

  /**
   * Stores {@code next} if the stored job is still at the version {@code next} was built from.
   * Returns the stored job, or empty when someone else changed it first.
   */
  public Optional<Job> update(Job current, JobProgress next) {
    String sql =
        "UPDATE job SET "
            + JobRows.PROGRESS_COLUMNS.replace(",", " = ?,").replace("version", "version = ?")
            + " WHERE id = ? AND version = ?";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      int index = JobRows.bindProgress(statement, 1, next);
      statement.setString(index++, current.id());
      statement.setLong(index, current.progress().version());
      if (statement.executeUpdate() != 1) {
        return Optional.empty();
      }
    } catch (SQLException e) {
      throw new JobStoreException("cannot update job " + current.id(), e);
    }
    Job updated = current.with(next);
    notify(updated);
    return Optional.of(updated);
  }

  public Optional<Job> find(String id) {
    return one(SELECT + " WHERE id = ?", statement -> statement.setString(1, id));
  }

  /** The jobs of these ids that exist, in no particular order: one query for a page of ids. */
  public List<Job> findAll(Collection<String> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    String in = "?,".repeat(ids.size() - 1) + "?";
    return many(
        SELECT + " WHERE id IN (" + in + ")",
        statement -> {
          int i = 1;
          for (String id : ids) {
            statement.setString(i++, id);
          }
        });
  }

  /** Who owns a job, its version and state: enough to answer a conditional poll with 304. */
  public record Stamp(String team, long version, JobState state) {}

  public Optional<Stamp> stamp(String id) {
    String sql = "SELECT team, version, state FROM job WHERE id = ?";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, id);
      try (ResultSet result = statement.executeQuery()) {
        if (!result.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Stamp(
                result.getString("team"),
                result.getLong("version"),
                JobState.valueOf(result.getString("state"))));
      }
    } catch (SQLException e) {
      throw new JobStoreException("cannot read the version of job " + id, e);
    }
  }

  public Optional<Job> findByKey(String team, String key) {
    return one(
        SELECT + " WHERE team = ? AND idempotency_key = ?",
        statement -> {
          statement.setString(1, team);
          statement.setString(2, key);
        });
  }

  /**
   * The oldest {@code perTeam} QUEUED jobs of every team, oldest first: each team's head of line,
   * so that one team's backlog of thousands never hides another team's job.
   */
  public List<Job> queuedHeads(int perTeam) {
    String sql =
        "SELECT "
            + JobRows.COLUMNS
            + " FROM (SELECT job.*, ROW_NUMBER() OVER (PARTITION BY team ORDER BY created_at, id)"
            + " AS place FROM job WHERE state = 'QUEUED') heads WHERE place <= ?"
            + " ORDER BY created_at, id";
    return many(sql, statement -> statement.setInt(1, perTeam));
  }

  /** SUBMITTING jobs whose lease ran out by {@code now}: their outcome must be looked for. */
  public List<Job> submittingDue(Instant now, int limit) {
    return many(
        SELECT
            + " WHERE state = 'SUBMITTING' AND (lease_until IS NULL OR lease_until <= ?)"
            + " ORDER BY created_at, id LIMIT "
            + limit,
        statement -> JobRows.setInstant(statement, 1, now));
  }

  /** Jobs in any of {@code states}, oldest first. */
  public List<Job> inStates(Collection<JobState> states, int limit) {
    String in = "?,".repeat(states.size() - 1) + "?";
    return many(
        SELECT + " WHERE state IN (" + in + ") ORDER BY created_at, id LIMIT " + limit,
        statement -> {
          int i = 1;
          for (JobState state : states) {
            statement.setString(i++, state.name());
          }
        });
  }

  /** A page of jobs matching {@code filter}, newest first. */
  public List<Job> list(JobFilter filter, long offset, int limit) {
    List<Object> values = new ArrayList<>();
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    condition(where, values, "state = ?", filter.state() == null ? null : filter.state().name());
    condition(where, values, "cluster = ?", filter.cluster());
    condition(where, values, "team = ?", filter.team());
    condition(where, values, "dag_id = ?", filter.dagId());
    condition(where, values, "task_id = ?", filter.taskId());
    condition(where, values, "run_id = ?", filter.runId());
    condition(where, values, "map_index = ?", filter.mapIndex());
    condition(where, values, "idempotency_key = ?", filter.idempotencyKey());
    condition(where, values, "created_at >= ?", filter.createdFrom());
    condition(where, values, "created_at < ?", filter.createdTo());
    String sql =
        SELECT + where + " ORDER BY created_at DESC, id LIMIT " + limit + " OFFSET " + offset;
    return many(
        sql,
        statement -> {
          for (int i = 0; i < values.size(); i++) {
            Object value = values.get(i);
            if (value instanceof Instant instant) {
              JobRows.setInstant(statement, i + 1, instant);
            } else if (value instanceof Integer number) {
              statement.setInt(i + 1, number);
            } else {
              statement.setString(i + 1, (String) value);
            }
          }
        });
  }

  /** Jobs in any of {@code states} on one cluster, oldest first. */
  public List<Job> inStatesOn(String cluster, Collection<JobState> states, int limit) {
    String in = "?,".repeat(states.size() - 1) + "?";
    return many(
        SELECT
            + " WHERE cluster = ? AND state IN ("
            + in
            + ") ORDER BY created_at, id LIMIT "
            + limit,
        statement -> {
          statement.setString(1, cluster);
          int i = 2;
          for (JobState state : states) {
            statement.setString(i++, state.name());
          }
        });
  }

  /** How many unfinished jobs each (cluster, team, state) has: what admission counts. */
  public List<ActiveCount> activeCounts() {
    String sql =
        "SELECT cluster, team, state, COUNT(*) AS jobs, SUM(cores) AS cores,"
            + " SUM(memory_mb) AS memory_mb FROM job"
            + " WHERE state IN ('SUBMITTING', 'STARTING', 'RUNNING') GROUP BY cluster, team, state";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet result = statement.executeQuery()) {
      List<ActiveCount> counts = new ArrayList<>();
      while (result.next()) {
        counts.add(
            new ActiveCount(
                result.getString("cluster"),
                result.getString("team"),
                JobState.valueOf(result.getString("state")),
                result.getInt("jobs"),
                result.getLong("cores"),
                result.getLong("memory_mb")));
      }
      return counts;
    } catch (SQLException e) {
      throw new JobStoreException("cannot count active jobs", e);
    }
  }

  /** How many unfinished jobs each team has in each state, QUEUED included: what metrics show. */
  public Map<String, Map<JobState, Integer>> unfinishedByTeam() {
    String sql =
        "SELECT team, state, COUNT(*) AS jobs FROM job"
            + " WHERE state IN ('QUEUED', 'SUBMITTING', 'STARTING', 'RUNNING') GROUP BY team, state";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet result = statement.executeQuery()) {
      Map<String, Map<JobState, Integer>> counts = new TreeMap<>();
      while (result.next()) {
        counts
            .computeIfAbsent(result.getString("team"), team -> new EnumMap<>(JobState.class))
            .put(JobState.valueOf(result.getString("state")), result.getInt("jobs"));
      }
      return counts;
    } catch (SQLException e) {
      throw new JobStoreException("cannot count unfinished jobs", e);
    }
  }

  /**
   * Unfinished jobs of one team on one cluster in one state, with the cores and memory they ask.
   */
  public record ActiveCount(
      String cluster, String team, JobState state, int jobs, long cores, long memoryMb) {}

  private static void condition(
      StringBuilder where, List<Object> values, String clause, Object value) {
    if (value != null) {
      where.append(" AND ").append(clause);
      values.add(value);
    }
  }

  private Optional<Job> one(String sql, Binder binder) {
    List<Job> found = many(sql, binder);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  private List<Job> many(String sql, Binder binder) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      binder.bind(statement);
      List<Job> jobs = new ArrayList<>();
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          jobs.add(rows.read(result));
        }
      }
      return jobs;
    } catch (SQLException e) {
      throw new JobStoreException("cannot read jobs", e);
    }
  }

  private void notify(Job job) {
    for (Consumer<Job> listener : listeners) {
      listener.accept(job);
    }
  }

  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }
}
