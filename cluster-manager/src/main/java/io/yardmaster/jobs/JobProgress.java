package io.yardmaster.jobs;

import static java.util.Objects.requireNonNull;

import io.micronaut.core.annotation.Nullable;
import io.yardmaster.core.Texts;
import java.time.Instant;

/** How far a job got: state, placement, the app it became, and when each state began. */
public record JobProgress(
    JobState state,
    @Nullable String cluster,
    @Nullable String routingReason,
    @Nullable String queueReason,
    @Nullable String refusedBy,
    @Nullable Integer livyBatchId,
    @Nullable String livyName,
    @Nullable String appId,
    @Nullable String sparkUiUrl,
    @Nullable String driverLogUrl,
    @Nullable String finalStatus,
    @Nullable String diagnostics,
    int attempts,
    boolean killRequested,
    @Nullable Instant killRequestedAt,
    @Nullable Instant leaseUntil,
    @Nullable Instant submittingAt,
    @Nullable Instant startingAt,
    @Nullable Instant runningAt,
    @Nullable Instant finishedAt,
    Instant updatedAt,
    long version) {
  /** The sizes of the columns these texts are stored in (V3__jobs.sql); diagnostics is TEXT. */
  public static final int MAX_REASON = 1000;

  public static final int MAX_URL = 2000;
  public static final int MAX_DIAGNOSTICS = 16_000;

  /**
   * Bounds every text to its column, whatever composed it (reasons built from several clusters'
   * messages, Livy's and YARN's diagnostics): a long text is cut, never the cause of a failed
   * write. A URL too long for its column is dropped rather than cut into a wrong link.
   */
  public JobProgress {
    requireNonNull(state, "state is null");
    requireNonNull(updatedAt, "updatedAt is null");
    cluster = Texts.bounded(cluster, 63);
    routingReason = Texts.bounded(routingReason, MAX_REASON);
    queueReason = Texts.bounded(queueReason, MAX_REASON);
    refusedBy = Texts.bounded(refusedBy, 63);
    livyName = Texts.bounded(livyName, 400);
    appId = Texts.bounded(appId, 100);
    sparkUiUrl = sparkUiUrl != null && sparkUiUrl.length() > MAX_URL ? null : sparkUiUrl;
    driverLogUrl = driverLogUrl != null && driverLogUrl.length() > MAX_URL ? null : driverLogUrl;
    finalStatus = Texts.bounded(finalStatus, 32);
    diagnostics = Texts.bounded(diagnostics, MAX_DIAGNOSTICS);
  }

  public static JobProgress queued(String reason, Instant now) {
    return new JobProgress(
        JobState.QUEUED,
        null,
        null,
        reason,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        0,
        false,
        null,
        null,
        null,
        null,
        null,
        null,
        now,
        0);
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Copies a progress with some fields changed; {@link #moveTo} stamps the state's time. */
  public static final class Builder {
    private JobState state;
    private String cluster;
    private String routingReason;
    private String queueReason;
    private String refusedBy;
    private Integer livyBatchId;
    private String livyName;
    private String appId;
    private String sparkUiUrl;
    private String driverLogUrl;
    private String finalStatus;
    private String diagnostics;
    private int attempts;
    private boolean killRequested;
    private Instant killRequestedAt;
    private Instant leaseUntil;
    private Instant submittingAt;
    private Instant startingAt;
    private Instant runningAt;
    private Instant finishedAt;
    private final long version;

    private Builder(JobProgress from) {
      state = from.state;
      cluster = from.cluster;
      routingReason = from.routingReason;
      queueReason = from.queueReason;
      refusedBy = from.refusedBy;
      livyBatchId = from.livyBatchId;
      livyName = from.livyName;
      appId = from.appId;
      sparkUiUrl = from.sparkUiUrl;
      driverLogUrl = from.driverLogUrl;
      finalStatus = from.finalStatus;
      diagnostics = from.diagnostics;
      attempts = from.attempts;
      killRequested = from.killRequested;
      killRequestedAt = from.killRequestedAt;
      leaseUntil = from.leaseUntil;
      submittingAt = from.submittingAt;
      startingAt = from.startingAt;
      runningAt = from.runningAt;
      finishedAt = from.finishedAt;
      version = from.version;
    }

    /**
     * Back to QUEUED to be submitted again, unless a kill was asked for meanwhile: then KILLED, so
     * that a job its owner killed is never sent to Livy afterwards. The cluster that refused it is
     * remembered so that routing tries another matching cluster first.
     */
    public Builder requeue(Instant now, String reason) {
      if (killRequested) {
        return moveTo(JobState.KILLED, now)
            .outcome("CANCELLED", "killed before its submission went through");
      }
      refusedBy = cluster;
      return moveTo(JobState.QUEUED, now).cluster(null, null).queueReason(reason);
    }

    /** Moves to a state, stamping when it began; fails if the move is not allowed. */
    public Builder moveTo(JobState next, Instant now) {
      if (next == state) {
        return this;
      }
      if (!state.canMoveTo(next)) {
        throw new IllegalStateException("a job cannot move from " + state + " to " + next);
      }
      state = next;
      switch (next) {
        case QUEUED -> leaseUntil = null;
        case SUBMITTING -> submittingAt = now;
        case STARTING -> startingAt = now;
        case RUNNING -> runningAt = now;
        case SUCCEEDED, FAILED, KILLED, LOST -> finishedAt = now;
      }
      if (next != JobState.QUEUED) {
        queueReason = null;
      }
      if (next.terminal()) {
        leaseUntil = null;
      }
      return this;
    }

    public Builder cluster(@Nullable String value, @Nullable String reason) {
      cluster = value;
      routingReason = reason;
      return this;
    }

    public Builder queueReason(@Nullable String value) {
      queueReason = value;
      return this;
    }

    public Builder batch(@Nullable Integer id, @Nullable String name) {
      livyBatchId = id;
      livyName = name;
      return this;
    }

    public Builder app(@Nullable String id, @Nullable String sparkUi, @Nullable String driverLog) {
      if (id != null) {
        appId = id;
      }
      if (sparkUi != null) {
        sparkUiUrl = sparkUi;
      }
      if (driverLog != null) {
        driverLogUrl = driverLog;
      }
      return this;
    }

    public Builder outcome(@Nullable String status, @Nullable String text) {
      finalStatus = status;
      diagnostics = text;
      return this;
    }

    public Builder diagnostics(@Nullable String text) {
      diagnostics = text;
      return this;
    }

    public Builder attempt(Instant lease) {
      attempts++;
      leaseUntil = lease;
      return this;
    }

    public Builder lease(@Nullable Instant until) {
      leaseUntil = until;
      return this;
    }

    /** Records that the owner asked for a kill, and when (the first time). */
    public Builder killRequested(Instant now) {
      if (!killRequested) {
        killRequested = true;
        killRequestedAt = now;
      }
      return this;
    }

    /** The new progress, one version on from the one it was copied from. */
    public JobProgress build(Instant now) {
      return new JobProgress(
          state,
          cluster,
          routingReason,
          queueReason,
          refusedBy,
          livyBatchId,
          livyName,
          appId,
          sparkUiUrl,
          driverLogUrl,
          finalStatus,
          diagnostics,
          attempts,
          killRequested,
          killRequestedAt,
          leaseUntil,
          submittingAt,
          startingAt,
          runningAt,
          finishedAt,
          now,
          version + 1);
    }
  }
}
