package io.yardmaster.jobs.store;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.yardmaster.jobs.Job;
import io.yardmaster.jobs.JobProgress;
import io.yardmaster.jobs.JobState;
import io.yardmaster.jobs.api.JobLabels;
import io.yardmaster.jobs.api.JobRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Maps job rows to {@link Job} and back. */
public final class JobRows {
  static final String PROGRESS_COLUMNS =
      "state, cluster, routing_reason, queue_reason, refused_by, livy_batch_id, livy_name, app_id,"
          + " spark_ui_url, driver_log_url, final_status, diagnostics, attempts, kill_requested,"
          + " kill_requested_at, lease_until, submitting_at, starting_at, running_at, finished_at, updated_at,"
          + " version";
  static final String COLUMNS =
      "id, team, idempotency_key, request_hash, request, dag_id, task_id, run_id, map_index,"
          + " try_number, created_at, cores, memory_mb, "
          + PROGRESS_COLUMNS;

  private final JsonMapper json;

  JobRows(JsonMapper json) {
    this.json = json;
  }

  /** A request that cannot be read back; the store fails its job rather than stop a loop. */
  static final JobRequest UNREADABLE = new JobRequest(null, null, null);

  /** The job of a row; a request that cannot be read becomes {@link #UNREADABLE}. */
  Job read(ResultSet row) throws SQLException {
    JobRequest request;
    try {
      request = json.readValue(row.getString("request"), Argument.of(JobRequest.class));
    } catch (IOException | RuntimeException e) {
      request = UNREADABLE;
    }
    JobProgress progress =
        new JobProgress(
            JobState.valueOf(row.getString("state")),
            row.getString("cluster"),
            row.getString("routing_reason"),
            row.getString("queue_reason"),
            row.getString("refused_by"),
            (Integer) row.getObject("livy_batch_id", Integer.class),
            row.getString("livy_name"),
            row.getString("app_id"),
            row.getString("spark_ui_url"),
            row.getString("driver_log_url"),
            row.getString("final_status"),
            row.getString("diagnostics"),
            row.getInt("attempts"),
            row.getBoolean("kill_requested"),
            instant(row, "kill_requested_at"),
            instant(row, "lease_until"),
            instant(row, "submitting_at"),
            instant(row, "starting_at"),
            instant(row, "running_at"),
            instant(row, "finished_at"),
            instant(row, "updated_at"),
            row.getLong("version"));
    return new Job(
        row.getString("id"),
        row.getString("team"),
        row.getString("idempotency_key"),
        row.getString("request_hash"),
        request,
        instant(row, "created_at"),
        row.getLong("cores"),
        row.getLong("memory_mb"),
        progress);
  }

  /** Binds the whole row in {@link #COLUMNS} order; returns the next parameter index. */
  int bindAll(PreparedStatement statement, Job job) throws SQLException {
    statement.setString(1, job.id());
    statement.setString(2, job.team());
    statement.setString(3, job.idempotencyKey());
    statement.setString(4, job.requestHash());
    statement.setString(5, write(job.request()));
    JobLabels labels = job.request().labels();
    statement.setString(6, labels.dagId());
    statement.setString(7, labels.taskId());
    statement.setString(8, labels.runId());
    setInteger(statement, 9, labels.mapIndex());
    setInteger(statement, 10, labels.tryNumber());
    setInstant(statement, 11, job.createdAt());
    statement.setInt(12, (int) Math.min(Integer.MAX_VALUE, job.cores()));
    statement.setLong(13, job.memoryMb());
    return bindProgress(statement, 14, job.progress());
  }

  /** Binds {@link #PROGRESS_COLUMNS} from {@code index}; returns the next parameter index. */
  static int bindProgress(PreparedStatement statement, int index, JobProgress progress)
      throws SQLException {
    int i = index;
    statement.setString(i++, progress.state().name());
    statement.setString(i++, progress.cluster());
    statement.setString(i++, progress.routingReason());
    statement.setString(i++, progress.queueReason());
    statement.setString(i++, progress.refusedBy());
    setInteger(statement, i++, progress.livyBatchId());
    statement.setString(i++, progress.livyName());
    statement.setString(i++, progress.appId());
    statement.setString(i++, progress.sparkUiUrl());
    statement.setString(i++, progress.driverLogUrl());
    statement.setString(i++, progress.finalStatus());
    statement.setString(i++, progress.diagnostics());
    statement.setInt(i++, progress.attempts());
    statement.setBoolean(i++, progress.killRequested());
    setInstant(statement, i++, progress.killRequestedAt());
    setInstant(statement, i++, progress.leaseUntil());
    setInstant(statement, i++, progress.submittingAt());
    setInstant(statement, i++, progress.startingAt());
    setInstant(statement, i++, progress.runningAt());
    setInstant(statement, i++, progress.finishedAt());
    setInstant(statement, i++, progress.updatedAt());
    statement.setLong(i++, progress.version());
    return i;
  }

  String write(JobRequest request) {
    try {
      return json.writeValueAsString(request);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a job request", e);
    }
  }

  static void setInstant(PreparedStatement statement, int index, Instant value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      statement.setObject(index, value.atOffset(ZoneOffset.UTC));
    }
  }

  private static void setInteger(PreparedStatement statement, int index, Integer value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.INTEGER);
    } else {
      statement.setInt(index, value);
    }
  }

  private static Instant instant(ResultSet row, String column) throws SQLException {
    OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
